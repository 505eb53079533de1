import { createVerify, generateKeyPairSync } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { salesforceCredentials } from './salesforce.contract'
import { audienceOf, flatten, jwtAssertion } from './salesforce-api'
import { advance, domainOf, iso, relationshipOf, soqlDateTime } from './salesforce-values'

describe('reading Salesforce values', () => {
  it.each([
    ['https://www.Globex.example/about', 'globex.example'],
    ['globex.example', 'globex.example'],
    ['http://shop.globex.example:8080?x=1', 'shop.globex.example'],
    ['  ', null],
    [null, null],
  ])('the website %s reads as the domain %s', (website, domain) => {
    expect(domainOf(website)).toBe(domain)
  })

  it.each([
    ['2026-01-05T10:00:00.000+0000', '2026-01-05T10:00:00.000+00:00'],
    ['2026-01-05T10:00:00.000Z', '2026-01-05T10:00:00.000Z'],
    ['2026-01-05', '2026-01-05'],
    [null, null],
  ])('the date-time %s reads as %s', (value, expected) => {
    expect(iso(value)).toBe(expected)
  })

  it('writes a cursor as a SOQL literal to the whole second, never later', () => {
    expect(soqlDateTime('2026-06-01T09:00:00.999Z')).toBe('2026-06-01T09:00:00Z')
  })

  it.each([
    ['Partner_Account__c', 'Partner_Account__r'],
    ['PartnerAccountId', 'PartnerAccount'],
  ])('the lookup %s is followed through %s', (field, relationship) => {
    expect(relationshipOf(field)).toBe(relationship)
  })

  it('never moves a cursor past the run’s start less a minute, nor back', () => {
    const startedAt = new Date('2026-06-01T10:00:00Z')
    expect(advance(undefined, Date.parse('2026-06-01T09:59:30Z'), startedAt)).toBe('2026-06-01T09:59:00.000Z')
    expect(advance('2026-06-01T09:30:00.000Z', Date.parse('2026-06-01T09:00:00Z'), startedAt)).toBe(
      '2026-06-01T09:30:00.000Z',
    )
    expect(advance('2026-06-01T09:30:00.000Z', 0, startedAt)).toBe('2026-06-01T09:30:00.000Z')
  })

  it('flattens relationship fields to their dotted names and blanks to null', () => {
    expect(
      flatten({
        attributes: { type: 'Opportunity' },
        Id: '006000000000001AAA',
        Amount: 12000.5,
        IsWon: true,
        Owner: { attributes: { type: 'User' }, Email: 'dana@vendor.example' },
        Account: null,
        Type: '',
      }),
    ).toEqual({
      Id: '006000000000001AAA',
      Amount: '12000.5',
      IsWon: 'true',
      'Owner.Email': 'dana@vendor.example',
      Account: null,
      Type: null,
    })
  })
})

describe('the JWT bearer assertion', () => {
  const keys = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  })

  it('is signed RS256 by the connected app’s key, for the user, Salesforce’s audience and three minutes', () => {
    const credentials = {
      kind: 'jwt' as const,
      loginUrl: 'https://acme.my.salesforce.com',
      clientId: '3MVG9-consumer-key',
      username: 'integration@acme.example',
      privateKey: keys.privateKey,
    }
    const now = Date.parse('2026-06-01T10:00:00Z')
    const [header, claims, signature] = jwtAssertion(credentials, now).split('.')
    expect(JSON.parse(Buffer.from(header!, 'base64url').toString())).toMatchObject({ alg: 'RS256' })
    expect(JSON.parse(Buffer.from(claims!, 'base64url').toString())).toEqual({
      iss: '3MVG9-consumer-key',
      sub: 'integration@acme.example',
      aud: 'https://login.salesforce.com',
      exp: now / 1000 + 180,
    })
    const verified = createVerify('RSA-SHA256')
      .update(`${header}.${claims}`)
      .verify(keys.publicKey, Buffer.from(signature!, 'base64url'))
    expect(verified).toBe(true)
  })

  it.each([
    ['https://login.salesforce.com', 'https://login.salesforce.com'],
    ['https://test.salesforce.com', 'https://test.salesforce.com'],
    ['https://acme.my.salesforce.com', 'https://login.salesforce.com'],
    ['https://acme--uat.sandbox.my.salesforce.com', 'https://test.salesforce.com'],
  ])('signing in at %s is for the audience %s', (loginUrl, audience) => {
    expect(audienceOf(loginUrl)).toBe(audience)
  })

  it.each([
    ['https://login.salesforce.com/', true],
    ['https://acme--uat.sandbox.my.salesforce.com', true],
    ['https://evil.example.com', false],
    ['http://login.salesforce.com', false],
  ])('the login address %s is accepted: %s', (loginUrl, accepted) => {
    const parsed = salesforceCredentials.safeParse({
      kind: 'password',
      loginUrl,
      clientId: '3MVG9-consumer-key',
      clientSecret: 'consumer-secret',
      username: 'integration@acme.example',
      password: 'pw',
    })
    expect(parsed.success).toBe(accepted)
  })
})
