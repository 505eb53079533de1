import { describe, expect, it } from 'vitest'
import { actorName, formatShare, weighedLine } from './credit-math'

describe('credit math', () => {
  it.each([
    ['0.4049160032', '40.5%'],
    ['1', '100%'],
    ['0', '0%'],
    ['0.5', '50%'],
  ])('reads the share %s as %s', (share, text) => {
    expect(formatShare(share, 'en-US')).toBe(text)
  })

  it('writes the sum behind a share', () => {
    expect(weighedLine({ actorWeight: 1.2528, totalWeight: 3.094, share: '0.4049160032' }, 'en-US')).toBe(
      'weighed 1.25 of 3.09 → 40.5%',
    )
  })

  it('names the direct actor as the vendor’s sellers', () => {
    expect(actorName({ actor: 'direct', partnerName: null })).toBe('Direct (your sellers)')
    expect(actorName({ actor: 'prt_1', partnerName: 'Globex' })).toBe('Globex')
  })
})
