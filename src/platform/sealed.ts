// Secrets at rest (tax ids, CRM credentials): AES-256-GCM under a key derived from the app secret
// with HKDF and a purpose label, so each purpose has its own key and a sealed value opens nowhere else.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto'

const version = 'v1'
const ivBytes = 12
const tagBytes = 16

export class SealedError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'SealedError'
  }
}

export interface Sealer {
  /**
   * Seals a text as `v1.<iv>.<tag>.<ciphertext>` (base64url). `context` (e.g. the record's org and
   * id) is bound to the value without being stored in it: opening needs the same context.
   */
  seal(plaintext: string, context?: string): string
  /** The text a sealed value holds; throws SealedError when it was altered, or sealed under another key or context. */
  open(sealed: string, context?: string): string
}

const b64 = (bytes: Buffer) => bytes.toString('base64url')

/** A sealer for one purpose, e.g. `createSealer(deps.secret, 'tax-form-tin')`. */
export function createSealer(secret: string, purpose: string): Sealer {
  if (secret.length < 16) throw new SealedError('the app secret is too short to derive a key from')
  if (!/^[a-z0-9][a-z0-9.-]*$/.test(purpose)) throw new SealedError(`purpose ${purpose} is not a label`)
  const key = Buffer.from(hkdfSync('sha256', secret, 'credence-sealed', `credence:${version}:${purpose}`, 32))
  return {
    seal(plaintext, context = '') {
      const iv = randomBytes(ivBytes)
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: tagBytes })
      cipher.setAAD(Buffer.from(context, 'utf8'))
      const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()])
      return [version, b64(iv), b64(cipher.getAuthTag()), b64(ciphertext)].join('.')
    },
    open(sealed, context = '') {
      const parts = sealed.split('.')
      if (parts.length !== 4 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p)))
        throw new SealedError('not a sealed value')
      const [got, iv, tag, ciphertext] = parts as [string, string, string, string]
      if (got !== version) throw new SealedError(`sealed with an unknown version ${got.slice(0, 10)}`)
      const ivBuffer = Buffer.from(iv, 'base64url')
      const tagBuffer = Buffer.from(tag, 'base64url')
      if (ivBuffer.length !== ivBytes || tagBuffer.length !== tagBytes)
        throw new SealedError('not a sealed value')
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, ivBuffer, { authTagLength: tagBytes })
        decipher.setAAD(Buffer.from(context, 'utf8'))
        decipher.setAuthTag(tagBuffer)
        return Buffer.concat([
          decipher.update(Buffer.from(ciphertext, 'base64url')),
          decipher.final(),
        ]).toString('utf8')
      } catch {
        throw new SealedError('the sealed value was altered, or sealed under another key or context')
      }
    },
  }
}
