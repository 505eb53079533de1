import { describe, expect, it } from 'vitest'
import { filterQuery, isPeriodKey, periodLabel, periodRange, readPartnerTypes } from './credit-filter'

const now = new Date('2026-11-30T15:42:10Z')

describe('credit filter', () => {
  it('turns periods into whole UTC days, and a month into that month', () => {
    expect(periodRange('all', now)).toEqual({})
    expect(periodRange(undefined, now)).toEqual({})
    expect(periodRange('ytd', now)).toEqual({ from: '2026-01-01T00:00:00.000Z' })
    expect(periodRange('90d', now)).toEqual({ from: '2026-09-01T00:00:00.000Z' })
    expect(periodRange('12m', now)).toEqual({ from: '2025-11-30T00:00:00.000Z' })
    expect(periodRange('2026-12', now)).toEqual({
      from: '2026-12-01T00:00:00.000Z',
      to: '2027-01-01T00:00:00.000Z',
    })
    // the same all day: the query's cache key does not change with every render
    expect(periodRange('90d', new Date('2026-11-30T00:00:01Z'))).toEqual(periodRange('90d', now))
  })

  it('reads only known periods and partner types from a link', () => {
    expect(isPeriodKey('ytd')).toBe(true)
    expect(isPeriodKey('2026-02')).toBe(true)
    expect(isPeriodKey('2026-13')).toBe(false)
    expect(isPeriodKey('forever')).toBe(false)
    expect(readPartnerTypes('reseller,bogus,reseller,agency', ['reseller', 'agency'])).toBe('reseller,agency')
    expect(readPartnerTypes('bogus', ['reseller'])).toBeUndefined()
    expect(periodLabel('2026-02', 'en-GB')).toBe('February 2026')
    expect(periodLabel(undefined)).toBe('All time')
  })

  it('leaves out what is not chosen', () => {
    expect(filterQuery({}, now)).toEqual({})
    expect(filterQuery({ model: 'mdl_1', period: 'ytd', partnerType: 'reseller' }, now)).toEqual({
      model: 'mdl_1',
      from: '2026-01-01T00:00:00.000Z',
      partnerType: 'reseller',
    })
  })
})
