import { describe, expect, it } from 'vitest'
import { checkForeignTin, checkTin, maskTin } from './tin'

describe('US tax ids', () => {
  it.each([
    ['ssn', '123-45-6789', '123-45-6789', '6789'],
    ['ssn', '123456789', '123-45-6789', '6789'],
    ['ssn', ' 665-01-0001 ', '665-01-0001', '0001'],
    ['ssn', '899-99-9999', '899-99-9999', '9999'],
    ['ein', '12-3456789', '12-3456789', '6789'],
    ['ein', '013456789', '01-3456789', '6789'],
    ['ein', '99-0000001', '99-0000001', '0001'],
    ['itin', '912-70-1234', '912-70-1234', '1234'],
    ['itin', '900-50-0000', '900-50-0000', '0000'],
    ['itin', '999-99-9999', '999-99-9999', '9999'],
    ['itin', '912941234', '912-94-1234', '1234'],
  ] as const)('accepts the %s %s as %s', (kind, value, normalized, last4) => {
    expect(checkTin(kind, value)).toEqual({ ok: true, normalized, last4 })
  })

  it.each([
    ['ssn', '000-12-3456', /area number/],
    ['ssn', '666-12-3456', /area number/],
    ['ssn', '900-12-3456', /area number/],
    ['ssn', '999-12-3456', /area number/],
    ['ssn', '123-00-4567', /group number/],
    ['ssn', '123-45-0000', /serial number/],
    ['ssn', '12-345-6789', /AAA-GG-SSSS/],
    ['ssn', '1234567890', /AAA-GG-SSSS/],
    ['ssn', '123-45-678a', /AAA-GG-SSSS/],
    ['ein', '07-1234567', /prefix/],
    ['ein', '00-1234567', /prefix/],
    ['ein', '89-1234567', /prefix/],
    ['ein', '96-1234567', /prefix/],
    ['ein', '123-45-6789', /XX-XXXXXXX/],
    ['itin', '812-70-1234', /start with 9/],
    ['itin', '912-66-1234', /4th and 5th/],
    ['itin', '912-89-1234', /4th and 5th/],
    ['itin', '912-93-1234', /4th and 5th/],
    ['itin', '912-49-1234', /4th and 5th/],
  ] as const)('refuses the %s %s', (kind, value, problem) => {
    const check = checkTin(kind, value)
    expect(check.ok).toBe(false)
    if (!check.ok) {
      expect(check.problem).toMatch(problem)
      expect(check.problem.replace(/\D/g, '')).not.toContain(value.replace(/\D/g, ''))
    }
  })

  it('masks all but the last 4 digits', () => {
    expect(maskTin('ssn', '6789')).toBe('•••-••-6789')
    expect(maskTin('itin', '1234')).toBe('•••-••-1234')
    expect(maskTin('ein', '6789')).toBe('••-•••6789')
  })
})

describe('foreign tax ids', () => {
  it('keeps letters and digits, upper-cased, and their last 4', () => {
    expect(checkForeignTin('nl 1234.56.782.b01')).toEqual({
      ok: true,
      normalized: 'NL123456782B01',
      last4: '2B01',
    })
  })

  it.each(['1234', 'ab<script>', 'x'.repeat(31), '   '])('refuses %s', (value) => {
    expect(checkForeignTin(value).ok).toBe(false)
  })
})
