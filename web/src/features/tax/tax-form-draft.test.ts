import { describe, expect, it } from 'vitest'
import { emptyDraft, formKindFor, requestFrom } from './tax-form-draft'

describe('the tax form draft', () => {
  it.each([
    ['US', false, 'w9'],
    ['US', true, 'w9'],
    ['NL', false, 'w8ben'],
    ['NL', true, 'w8bene'],
    [null, true, 'w9'],
  ] as const)('asks a signer in %s (entity: %s) for %s', (country, isEntity, kind) => {
    expect(formKindFor(country, isEntity)).toBe(kind)
  })

  it('sends a W-9 without foreign tax id or treaty fields', () => {
    const request = requestFrom({
      ...emptyDraft('US'),
      taxClassification: 'individual',
      tinKind: 'ssn',
      tin: ' 536-90-4172 ',
      foreignTin: 'NL123',
      claimsTreaty: true,
      treatyArticle: '7',
    })
    expect(request).toMatchObject({ kind: 'w9', tinKind: 'ssn', tin: '536-90-4172', country: 'US' })
    expect(request.foreignTin).toBeUndefined()
    expect(request.treatyCountry).toBeUndefined()
  })

  it('sends a W-8BEN as an individual’s, claiming the treaty of the country of residence', () => {
    const request = requestFrom({
      ...emptyDraft('DE'),
      isEntity: false,
      businessName: 'Ignored GmbH',
      foreignTin: '12345678901',
      claimsTreaty: true,
      treatyArticle: '7',
      treatyRatePercent: '0',
    })
    expect(request).toMatchObject({
      kind: 'w8ben',
      taxClassification: 'individual',
      treatyCountry: 'DE',
      treatyArticle: '7',
      treatyRatePercent: '0',
    })
    expect(request.businessName).toBeUndefined()
    expect(request.tinKind).toBeUndefined()
  })
})
