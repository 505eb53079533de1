// Prefixed, time-ordered ids in the TypeID format: `prt_01h455vb4pex5vsknk084sn02q`.
import { uuidv7obj } from 'uuidv7'

const alphabet = '0123456789abcdefghjkmnpqrstvwxyz'

export const idPrefixes = {
  org: 'org',
  user: 'usr',
  session: 'ses',
  invitation: 'inv',
  apiKey: 'key',
  partner: 'prt',
  contact: 'pct',
  statusChange: 'psc',
  account: 'acc',
  deal: 'deal',
  touchpoint: 'tch',
  event: 'evt',
  audit: 'aud',
  mail: 'mail',
} as const

export type IdKind = keyof typeof idPrefixes

/** Encodes 16 bytes as 26 Crockford base32 characters (the first carries 2 bits), keeping sort order. */
function encodeBase32(bytes: Uint8Array): string {
  let value = 0n
  for (const b of bytes) value = (value << 8n) | BigInt(b)
  let out = ''
  for (let i = 0; i < 26; i++) {
    out = alphabet[Number(value & 31n)] + out
    value >>= 5n
  }
  return out
}

export function newId(kind: IdKind): string {
  return `${idPrefixes[kind]}_${encodeBase32(uuidv7obj().bytes)}`
}

export function isIdOf(kind: IdKind, id: string): boolean {
  return new RegExp(`^${idPrefixes[kind]}_[0-9a-hjkmnp-tv-z]{26}$`).test(id)
}
