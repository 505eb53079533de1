// An open-addressing map from non-negative integer keys (below 2^53) to dense ids 0, 1, 2 …, held in
// typed arrays: counting millions of states and transitions allocates no object per entry.

export interface NumberIndex {
  readonly size: number
  /** The id of `key`, adding it with the next id when it is new. */
  idOf(key: number): number
  /** The id of `key`, or −1. */
  find(key: number): number
  /** The key that has this id. */
  keyOf(id: number): number
}

function mix(key: number): number {
  const low = key >>> 0
  const high = Math.floor(key / 4_294_967_296) >>> 0
  let hash = Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b)
  hash ^= hash >>> 13
  hash = Math.imul(hash, 0xc2b2ae35)
  return (hash ^ (hash >>> 16)) >>> 0
}

export function createNumberIndex(expected = 1024): NumberIndex {
  let capacity = 1024
  while (capacity < expected * 2) capacity *= 2
  let slots = new Int32Array(capacity).fill(-1)
  let keys = new Float64Array(capacity / 2)
  let size = 0

  const grow = () => {
    capacity *= 2
    slots = new Int32Array(capacity).fill(-1)
    const mask = capacity - 1
    for (let id = 0; id < size; id++) {
      let slot = mix(keys[id]) & mask
      while (slots[slot] !== -1) slot = (slot + 1) & mask
      slots[slot] = id
    }
    const larger = new Float64Array(capacity / 2)
    larger.set(keys)
    keys = larger
  }

  const index: NumberIndex = {
    get size() {
      return size
    },
    idOf(key) {
      const mask = capacity - 1
      let slot = mix(key) & mask
      for (;;) {
        const id = slots[slot]
        if (id === -1) break
        if (keys[id] === key) return id
        slot = (slot + 1) & mask
      }
      // keep the table at most half full so probes stay short
      if (size >= capacity / 2) {
        grow()
        return index.idOf(key)
      }
      slots[slot] = size
      keys[size] = key
      return size++
    },
    find(key) {
      const mask = capacity - 1
      let slot = mix(key) & mask
      for (;;) {
        const id = slots[slot]
        if (id === -1) return -1
        if (keys[id] === key) return id
        slot = (slot + 1) & mask
      }
    },
    keyOf(id) {
      return keys[id]
    },
  }
  return index
}
