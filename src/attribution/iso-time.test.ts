import { describe, expect, it } from 'vitest'
import { parseIsoTimeFast } from './iso-time'
import { createRandom } from './random'

describe('parseIsoTimeFast', () => {
  it.each([
    '2024-08-22T11:51:45.073Z',
    '2024-08-22T11:51:45Z',
    '2024-02-29T23:59:59.999+05:30',
    '1969-12-31T23:59:59.001-08:00',
    '2000-03-01T00:00:00Z',
    '0001-01-01T00:00:00Z',
    '2100-02-28T12:00:00-00:00',
  ])('reads %s as Date.parse does', (text) => {
    expect(parseIsoTimeFast(text)).toBe(Date.parse(text))
  })

  it.each([
    '2024-08-22',
    '2024-08-22T11:51Z',
    '2024-08-22T11:51:45.5Z',
    '2024-08-22T11:51:45',
    '2024-08-22 11:51:45Z',
    '2023-02-29T00:00:00Z',
    '2024-13-01T00:00:00Z',
    '2024-01-01T24:00:00Z',
    '2024-01-01T10:00:00+0530',
    '2024-01-01T10:00:00Zx',
  ])('leaves %s to Date.parse (NaN)', (text) => {
    expect(parseIsoTimeFast(text)).toBeNaN()
  })

  it('agrees with Date.parse on 20,000 random times and offsets', () => {
    const random = createRandom(5)
    const pad = (value: number, width = 2) => String(value).padStart(width, '0')
    for (let k = 0; k < 20_000; k++) {
      const time = Math.floor((random() - 0.3) * 4e12)
      const iso = new Date(time).toISOString()
      const sign = random() < 0.5 ? '+' : '-'
      const zone =
        random() < 0.3 ? 'Z' : `${sign}${pad(Math.floor(random() * 15))}:${pad(Math.floor(random() * 60))}`
      const text = `${iso.slice(0, random() < 0.5 ? 19 : 23)}${zone}`
      expect(parseIsoTimeFast(text)).toBe(Date.parse(text))
    }
  })
})
