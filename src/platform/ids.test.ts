import { describe, expect, it } from 'vitest'
import { encodeBase32 } from './ids'

describe('ids', () => {
  it('encodes 16 bytes as 26 base32 characters, the first carrying the top 3 bits', () => {
    expect(encodeBase32(new Uint8Array(16))).toBe('0'.repeat(26))
    expect(encodeBase32(new Uint8Array(16).fill(255))).toBe(`7${'z'.repeat(25)}`)
    const one = new Uint8Array(16)
    one[15] = 33
    expect(encodeBase32(one)).toBe(`${'0'.repeat(24)}11`)
  })

  it('keeps byte order as text order', () => {
    const ids = Array.from({ length: 200 }, (_, i) => {
      const bytes = new Uint8Array(16)
      new DataView(bytes.buffer).setBigUint64(0, BigInt(i) * 0x0123456789abn)
      bytes[15] = (i * 37) % 256
      return encodeBase32(bytes)
    })
    expect([...ids].sort()).toEqual(ids)
  })
})
