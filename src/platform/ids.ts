// Prefixed, time-ordered ids in the TypeID format: `prt_01h455vb4pex5vsknk084sn02q`.
import { V7Generator } from 'uuidv7'

const alphabet = '0123456789abcdefghjkmnpqrstvwxyz'

/** Encodes 16 bytes as 26 Crockford base32 characters (the first carries 3 bits), keeping sort order. */
export function encodeBase32(bytes: Uint8Array): string {
  let text = ''
  let buffer = 0
  let bits = 0
  // from the last byte up, five bits a character, prepended; integer arithmetic (imports make millions
  // of ids)
  for (let i = 15; i >= 0; i--) {
    buffer |= bytes[i]! << bits
    bits += 8
    while (bits >= 5) {
      text = alphabet[buffer & 31]! + text
      buffer >>>= 5
      bits -= 5
    }
  }
  return alphabet[buffer & 31]! + text
}

/**
 * Cryptographic random words drawn 1,024 at a time: the library's default draws 8, one call to the
 * system's generator for every few ids, which was a visible part of an import making a million.
 */
class PooledRandom {
  private readonly words = new Uint32Array(1024)
  private at = this.words.length
  nextUint32(): number {
    if (this.at === this.words.length) {
      crypto.getRandomValues(this.words)
      this.at = 0
    }
    return this.words[this.at++]!
  }
}

// UUIDv7: the time in ms, then a counter that keeps ids made in the same ms in order, then randomness
const generator = new V7Generator(new PooledRandom())

/** A new id with this prefix: `prt_` + 26 time-ordered characters. */
const newId = (prefix: string): string => `${prefix}_${encodeBase32(generator.generate().bytes)}`

export const isIdWithPrefix = (prefix: string, id: string): boolean =>
  new RegExp(`^${prefix}_[0-9a-hjkmnp-tv-z]{26}$`).test(id)

export type IdFactory<P extends Record<string, string>> = { readonly [K in keyof P]: () => string } & {
  readonly prefixes: P
}

/**
 * A module declares the id prefixes it owns (in its descriptor, where a test checks that no two
 * modules share one) and gets one generator per kind: `partnerIds.partner()` → `prt_…`.
 */
export function defineIds<const P extends Record<string, string>>(prefixes: P): IdFactory<P> {
  const factory: Record<string, unknown> = { prefixes }
  for (const [kind, prefix] of Object.entries(prefixes)) factory[kind] = () => newId(prefix)
  return factory as IdFactory<P>
}

/** The platform's own records. */
export const platformIds = defineIds({ event: 'evt', audit: 'aud', mail: 'mail' })
