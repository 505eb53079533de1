// Prefixed, time-ordered ids in the TypeID format: `prt_01h455vb4pex5vsknk084sn02q`.
import { uuidv7obj } from 'uuidv7'

const alphabet = '0123456789abcdefghjkmnpqrstvwxyz'

/** Encodes 16 bytes as 26 Crockford base32 characters (the first carries 3 bits), keeping sort order. */
export function encodeBase32(bytes: Uint8Array): string {
  const chars = new Array<string>(26)
  let buffer = 0
  let bits = 0
  let at = 25
  // from the last byte up, five bits a character; integer arithmetic (imports make millions of ids)
  for (let i = 15; i >= 0; i--) {
    buffer |= bytes[i]! << bits
    bits += 8
    while (bits >= 5) {
      chars[at--] = alphabet[buffer & 31]!
      buffer >>>= 5
      bits -= 5
    }
  }
  chars[0] = alphabet[buffer & 31]!
  return chars.join('')
}

/** A new id with this prefix: `prt_` + 26 time-ordered characters. */
const newId = (prefix: string): string => `${prefix}_${encodeBase32(uuidv7obj().bytes)}`

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
