import { describe, expect, it } from 'vitest'
import { findOverlaps, matchTerritories, overlapOf, type TerritoryFacts } from './territory-rules'

const territory = (id: string, rules: Partial<TerritoryFacts['rules']>): TerritoryFacts => ({
  id,
  name: id,
  rules: { countries: [], regions: [], industries: [], namedAccounts: [], ...rules },
})

const emeaSoftware = territory('EMEA Software', { countries: ['DE', 'FR'], industries: ['Software'] })
const germany = territory('Germany', { countries: ['DE'] })
const software = territory('Software', { industries: ['software'] })
const acme = territory('Acme', { namedAccounts: ['acme.example', 'acc_1'] })
const nothing = territory('Nothing', {})

describe('matchTerritories', () => {
  const all = [software, germany, nothing, emeaSoftware, acme]

  it('puts a named account first, then country and industry, then country, then industry', () => {
    const matches = matchTerritories(all, { domain: 'ACME.example', country: 'DE', industry: 'Software' })
    expect(matches.map((m) => [m.territory.id, m.kind])).toEqual([
      ['Acme', 'named_account'],
      ['EMEA Software', 'country_industry'],
      ['Germany', 'country'],
      ['Software', 'industry'],
    ])
  })

  it('says why each territory matched', () => {
    const [best, , last] = matchTerritories(all, { country: 'DE', industry: 'SOFTWARE' })
    expect(best!.reason).toBe('country DE, industry Software')
    expect(last!.reason).toBe('industry software')
  })

  it('matches a named account by the account id', () => {
    expect(matchTerritories(all, { id: 'acc_1' }).map((m) => m.reason)).toEqual(['named account acc_1'])
  })

  it.each([
    ['another country', { country: 'US', industry: 'Software' }, ['Software']],
    ['another industry', { country: 'FR', industry: 'Retail' }, []],
    ['no facts at all', {}, []],
  ])('leaves out territories whose rules miss: %s', (_name, account, ids) => {
    expect(matchTerritories(all, account).map((m) => m.territory.id)).toEqual(ids)
  })

  it('matches a region without regard to case', () => {
    const dach = territory('DACH', { regions: ['DACH'] })
    expect(matchTerritories([dach], { region: 'dach' })[0]).toMatchObject({
      kind: 'country',
      reason: 'region DACH',
    })
  })

  it('never matches a territory with no rules', () => {
    expect(matchTerritories([nothing], { country: 'DE', industry: 'x', domain: 'a.example' })).toEqual([])
  })
})

describe('overlapOf', () => {
  it('reports the same country and industry', () => {
    const other = territory('Other', { countries: ['FR', 'US'], industries: ['Software', 'Retail'] })
    expect(overlapOf(emeaSoftware, other)).toMatchObject({
      territoryId: 'Other',
      countries: ['FR'],
      industries: ['Software'],
      reason: 'overlaps Other: FR in Software',
    })
  })

  it('reports a country set covering another with no narrowing industry', () => {
    expect(overlapOf(emeaSoftware, germany)).toMatchObject({ countries: ['DE'], industries: ['Software'] })
    expect(overlapOf(germany, emeaSoftware)?.reason).toBe('overlaps EMEA Software: DE in Software')
  })

  it('reports the same named account', () => {
    const again = territory('Again', { namedAccounts: ['acme.example'] })
    expect(overlapOf(acme, again)).toMatchObject({
      namedAccounts: ['acme.example'],
      reason: 'overlaps Again: the same named account acme.example',
    })
  })

  it.each([
    ['different countries', germany, territory('France', { countries: ['FR'] })],
    [
      'the same country in different industries',
      emeaSoftware,
      territory('x', { countries: ['DE'], industries: ['Retail'] }),
    ],
    ['a territory with no rules', germany, nothing],
    ['different named accounts', acme, territory('y', { namedAccounts: ['other.example'] })],
  ])('reports nothing for %s', (_name, a, b) => {
    expect(overlapOf(a, b)).toBeNull()
  })

  it('lists each territory’s overlaps with every other', () => {
    const overlaps = findOverlaps([emeaSoftware, germany, acme])
    expect(overlaps.get('EMEA Software')!.map((o) => o.territoryId)).toEqual(['Germany'])
    expect(overlaps.get('Germany')!.map((o) => o.territoryId)).toEqual(['EMEA Software'])
    expect(overlaps.get('Acme')).toEqual([])
  })
})
