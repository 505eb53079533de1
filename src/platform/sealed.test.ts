import { describe, expect, it } from 'vitest'
import { createSealer, SealedError } from './sealed'

const secret = 'a-secret-of-at-least-thirty-two-chars!'

describe('sealed values', () => {
  const sealer = createSealer(secret, 'tax-form-tin')

  it.each(['123-45-6789', '', 'ünïcødé ✓', 'x'.repeat(5000)])('opens what it sealed: %#', (text) => {
    const sealed = sealer.seal(text, 'org_1:txf_1')
    expect(sealer.open(sealed, 'org_1:txf_1')).toBe(text)
  })

  it('describes itself and never holds the plaintext', () => {
    const sealed = sealer.seal('123456789')
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]+$/)
    expect(sealed).not.toContain('123456789')
    expect(Buffer.from(sealed.split('.')[3]!, 'base64url').toString()).not.toContain('6789')
  })

  it('seals the same text differently each time', () => {
    expect(sealer.seal('123456789')).not.toBe(sealer.seal('123456789'))
  })

  it('refuses a value whose ciphertext, tag or iv was altered', () => {
    const sealed = sealer.seal('123-45-6789')
    const [v, iv, tag, ct] = sealed.split('.') as [string, string, string, string]
    const flip = (part: string) => {
      const bytes = Buffer.from(part, 'base64url')
      bytes[0]! ^= 1
      return bytes.toString('base64url')
    }
    for (const altered of [
      [v, iv, tag, flip(ct)],
      [v, iv, flip(tag), ct],
      [v, flip(iv), tag, ct],
      ['v2', iv, tag, ct],
      [v, iv, tag],
    ])
      expect(() => sealer.open(altered.join('.'))).toThrow(SealedError)
    expect(() => sealer.open('not sealed at all')).toThrow(SealedError)
  })

  it('refuses a value sealed under another secret or another purpose', () => {
    const sealed = sealer.seal('123-45-6789')
    expect(() => createSealer('another-secret-of-thirty-two-chars!!', 'tax-form-tin').open(sealed)).toThrow(
      SealedError,
    )
    expect(() => createSealer(secret, 'crm-credentials').open(sealed)).toThrow(SealedError)
    expect(createSealer(secret, 'tax-form-tin').open(sealed)).toBe('123-45-6789')
  })

  it('refuses a value moved to another record (another context)', () => {
    const sealed = sealer.seal('123-45-6789', 'org_1:txf_1')
    expect(() => sealer.open(sealed, 'org_1:txf_2')).toThrow(SealedError)
    expect(() => sealer.open(sealed)).toThrow(SealedError)
  })
})
