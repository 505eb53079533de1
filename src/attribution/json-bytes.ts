// Byte-level helpers shared by the readers that split JSON without parsing it whole.

export const isJsonSpace = (byte: number): boolean =>
  byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09

/**
 * Where the JSON value starting at `from` ends in `buffer[0, filled)`, or −1 when the buffer ends
 * first (more bytes are needed). `isEnd` says no more bytes will come.
 */
export function findJsonValueEnd(buffer: Uint8Array, from: number, filled: number, isEnd: boolean): number {
  let depth = 0
  let index = from
  while (index < filled) {
    const byte = buffer[index]!
    if (byte === 0x22) {
      // jump over the string body: find its closing quote natively, skipping escaped ones
      let close = index
      for (;;) {
        close = buffer.indexOf(0x22, close + 1)
        if (close < 0 || close >= filled) return -1
        let slashes = 0
        while (buffer[close - 1 - slashes] === 0x5c) slashes++
        if (slashes % 2 === 0) break
      }
      index = close
      if (depth === 0) return index + 1
    } else if (byte === 0x7b || byte === 0x5b) depth++
    else if (byte === 0x7d || byte === 0x5d) {
      depth--
      if (depth === 0) return index + 1
      if (depth < 0) return index
    } else if (depth === 0 && (byte === 0x2c || isJsonSpace(byte))) return index
    index++
  }
  return isEnd && depth === 0 ? index : -1
}
