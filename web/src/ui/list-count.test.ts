import { describe, expect, it } from 'vitest'
import { nounOf, rangeCaption } from './list-count'

const enUs = (n: number) => new Intl.NumberFormat('en-US').format(n)
const deDe = (n: number) => new Intl.NumberFormat('de-DE').format(n)
const deals = nounOf('deal')

describe('rangeCaption', () => {
  it.each([
    [50, 3000, '1–50 of 3,000 deals'],
    [3, 3, '1–3 of 3 deals'],
    [1, 1, '1 of 1 deal'],
    [0, 0, 'No deals'],
    [200, 150, '1–150 of 150 deals'],
  ])('shows %i of %i as "%s"', (shown, total, caption) => {
    expect(rangeCaption(shown, total, deals, enUs)).toBe(caption)
  })

  it('formats numbers in the viewer’s locale', () => {
    expect(rangeCaption(1000, 12345, deals, deDe)).toBe('1–1.000 of 12.345 deals')
  })

  it('takes irregular plurals', () => {
    expect(rangeCaption(2, 2, nounOf('company', 'companies'), enUs)).toBe('1–2 of 2 companies')
  })
})
