import { describe, expect, it } from 'vitest'
import { amountProblem } from './deal-amount'

describe('amountProblem', () => {
  it.each([
    ['1250.00', 'USD'],
    ['1250', 'JPY'],
    ['0.125', 'KWD'],
    ['-40.5', 'EUR'],
    ['999999999999999', 'COP'],
  ])('accepts %s %s', (amount, currency) => {
    expect(amountProblem(amount, currency)).toBeNull()
  })

  it.each([
    ['12.50', 'JPY', 'JPY has no decimals'],
    ['1.001', 'USD', 'USD has at most 2 decimals'],
    ['1.0001', 'IQD', 'IQD has at most 3 decimals'],
  ])('refuses %s %s: more decimals than ISO 4217 gives the currency', (amount, currency, message) => {
    expect(amountProblem(amount, currency)).toBe(message)
  })

  it.each(['1,250.00', '12 000', 'abc', '', '1e5'])('refuses %j as not a plain decimal', (amount) => {
    expect(amountProblem(amount, 'USD')).toMatch(/such as 1250\.00/)
  })
})
