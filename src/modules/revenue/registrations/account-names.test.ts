import { describe, expect, it } from 'vitest'
import {
  nameSimilarity,
  normaliseAccountName,
  normaliseDomain,
  searchWords,
  similarNameThreshold,
} from './account-names'

describe('account names', () => {
  it.each([
    ['ACME, Inc.', 'acme'],
    ['Acme Inc', 'acme'],
    ['acme', 'acme'],
    ['Müller & Söhne GmbH', 'muller sohne'],
    ['Société Générale S.A.', 'societe generale'],
    ['Globex Corporation', 'globex'],
    ['Initech Co., Ltd.', 'initech'],
    ['Van Dijk B.V.', 'van dijk'],
    ["O'Brien Holdings LLC", 'obrien holdings'],
    ['  Blue—Fin   Systems  ', 'blue fin systems'],
    ['Co-op Bank', 'co op bank'],
    ['Inc.', 'inc'],
    ['Corp Co', 'corp'],
  ])('reduces %j to the key %j', (name, key) => {
    expect(normaliseAccountName(name)).toBe(key)
  })

  it.each([
    ['acme', 'acme', 1],
    ['acme widgets', 'acme widgits', 1 - 1 / 12],
    ['globex', 'initech', 1 - 6 / 7],
    ['abc', 'xyz', 0],
    ['', '', 0],
  ])('scores %j against %j as %d', (a, b, score) => {
    expect(nameSimilarity(a, b)).toBeCloseTo(score, 10)
  })

  it.each([
    ['Acme Widgets Inc', 'ACME Widgits, Inc.', true],
    ['Globex International', 'Globex Internationl', true],
    ['Contoso Pharmaceuticals', 'Contoso Pharma', false],
    ['Acme', 'Apex', false],
  ])('takes %j and %j for the same account: %s', (a, b, isSame) => {
    const score = nameSimilarity(normaliseAccountName(a), normaliseAccountName(b))
    expect(score >= similarNameThreshold).toBe(isSame)
  })

  it('searches by the two longest words of three letters or more', () => {
    expect(searchWords('acme global widgets ab')).toEqual(['widgets', 'global'])
    expect(searchWords('ibm')).toEqual(['ibm'])
    expect(searchWords('hp')).toEqual([])
    expect(searchWords('alpha alpha')).toEqual(['alpha'])
  })

  it.each([
    ['https://www.Acme.com/about', 'acme.com'],
    ['WWW.acme.co.uk', 'acme.co.uk'],
    ['acme.com.', 'acme.com'],
    ['shop.acme.com?x=1', 'shop.acme.com'],
  ])('reads the domain %j as %j', (typed, domain) => {
    expect(normaliseDomain(typed)).toBe(domain)
  })
})
