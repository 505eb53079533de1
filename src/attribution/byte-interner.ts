// Names interned straight from UTF-8 bytes: an open-addressing table over the bytes themselves, so a
// reader meets a name it has seen before without building a string. Ids are dense, in first-seen order.

export interface ByteInterner {
  /** Names by id; empty for an interner created with isNamed false. */
  readonly names: string[]
  readonly size: number
  /** Id of the UTF-8 text in bytes[from, to), adding it when new. */
  idOfBytes(bytes: Uint8Array, from: number, to: number): number
  /** idOfBytes for a reader that hashed the bytes as it read them (see hashByte). */
  idOfHashed(bytes: Uint8Array, from: number, to: number, hash: number): number
}

/** FNV-1a, one byte at a time: start from HASH_SEED. */
export const HASH_SEED = 0x811c9dc5
export const hashByte = (hash: number, byte: number): number => Math.imul(hash ^ byte, 0x01000193)

const decoder = new TextDecoder()

export function createByteInterner(isNamed = true): ByteInterner {
  const names: string[] = []
  let size = 0
  let slots = new Int32Array(256).fill(-1)
  let hashes = new Int32Array(128)
  let stored = new Uint8Array(4096)
  let starts = new Int32Array(129)

  const rehash = () => {
    const larger = new Int32Array(slots.length * 2).fill(-1)
    const mask = larger.length - 1
    for (let id = 0; id < size; id++) {
      let slot = hashes[id] & mask
      while (larger[slot] !== -1) slot = (slot + 1) & mask
      larger[slot] = id
    }
    slots = larger
  }

  const add = (bytes: Uint8Array, from: number, to: number, hash: number, slot: number) => {
    const id = size++
    if (isNamed) names.push(decoder.decode(bytes.subarray(from, to)))
    const length = to - from
    if (starts[id] + length > stored.length) {
      const larger = new Uint8Array(Math.max(stored.length * 2, starts[id] + length))
      larger.set(stored)
      stored = larger
    }
    stored.set(bytes.subarray(from, to), starts[id])
    if (id + 2 > starts.length) {
      const larger = new Int32Array(starts.length * 2)
      larger.set(starts)
      starts = larger
    }
    if (id >= hashes.length) {
      const larger = new Int32Array(hashes.length * 2)
      larger.set(hashes)
      hashes = larger
    }
    starts[id + 1] = starts[id] + length
    hashes[id] = hash
    slots[slot] = id
    if (size * 2 > slots.length) rehash()
    return id
  }

  const idOfHashed = (bytes: Uint8Array, from: number, to: number, hash: number): number => {
    const mask = slots.length - 1
    let slot = hash & mask
    for (;;) {
      const id = slots[slot]
      if (id === -1) return add(bytes, from, to, hash, slot)
      if (hashes[id] === hash && starts[id + 1] - starts[id] === to - from) {
        let offset = starts[id]
        let index = from
        while (index < to && stored[offset] === bytes[index]) {
          offset++
          index++
        }
        if (index === to) return id
      }
      slot = (slot + 1) & mask
    }
  }

  return {
    names,
    get size() {
      return size
    },
    idOfBytes(bytes, from, to) {
      let hash = HASH_SEED
      for (let index = from; index < to; index++) hash = Math.imul(hash ^ bytes[index], 0x01000193)
      return idOfHashed(bytes, from, to, hash)
    },
    idOfHashed,
  }
}
