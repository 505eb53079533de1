// Distinct channel paths with their summed conversions, value and nulls, in typed arrays: memory
// grows with the number of distinct paths and channels, never with the number of input rows.

export interface PathTable {
  /** Channel names by id, in the order first seen. */
  channels: string[]
  pathCount: number
  /** Path p is pathChannels[pathStart[p] … pathStart[p + 1]). */
  pathStart: Int32Array
  pathChannels: Int32Array
  conversions: Float64Array
  values: Float64Array
  nulls: Float64Array
  /** Input rows read, before identical paths were merged. */
  rows: number
}

export interface PathTableBuilder {
  internChannel(name: string): number
  /** Interns the UTF-8 name in bytes[from, to) without building a string unless it is new. */
  internChannelBytes(bytes: Uint8Array, from: number, to: number): number
  addPath(channels: Int32Array, length: number, conversions: number, value: number, nulls: number): void
  finish(): PathTable
}

const decoder = new TextDecoder()

function growInt(values: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  if (size <= values.length) return values
  const larger = new Int32Array(Math.max(size, values.length * 2))
  larger.set(values)
  return larger
}

function growFloat(values: Float64Array<ArrayBuffer>, size: number): Float64Array<ArrayBuffer> {
  if (size <= values.length) return values
  const larger = new Float64Array(Math.max(size, values.length * 2))
  larger.set(values)
  return larger
}

function rehash(slots: Int32Array, hashes: Int32Array, count: number): Int32Array<ArrayBuffer> {
  const larger = new Int32Array(slots.length * 2).fill(-1)
  const mask = larger.length - 1
  for (let id = 0; id < count; id++) {
    let slot = hashes[id] & mask
    while (larger[slot] !== -1) slot = (slot + 1) & mask
    larger[slot] = id
  }
  return larger
}

export function createPathTableBuilder(): PathTableBuilder {
  const channels: string[] = []
  let channelSlots = new Int32Array(256).fill(-1)
  let channelHashes = new Int32Array(128)
  let nameBytes = new Uint8Array(4096)
  let nameStart = new Int32Array(129)

  let pathSlots = new Int32Array(1 << 16).fill(-1)
  let pathHashes = new Int32Array(1 << 15)
  let pathStart = new Int32Array((1 << 15) + 1)
  let pathChannels = new Int32Array(1 << 17)
  let conversions = new Float64Array(1 << 15)
  let values = new Float64Array(1 << 15)
  let nulls = new Float64Array(1 << 15)
  let pathCount = 0
  let rows = 0

  const addChannel = (bytes: Uint8Array, from: number, to: number, hash: number, slot: number) => {
    const id = channels.length
    channels.push(decoder.decode(bytes.subarray(from, to)))
    const length = to - from
    if (nameStart[id] + length > nameBytes.length) {
      const larger = new Uint8Array(Math.max(nameBytes.length * 2, nameStart[id] + length))
      larger.set(nameBytes)
      nameBytes = larger
    }
    nameBytes.set(bytes.subarray(from, to), nameStart[id])
    nameStart = growInt(nameStart, id + 2)
    nameStart[id + 1] = nameStart[id] + length
    channelHashes = growInt(channelHashes, id + 1)
    channelHashes[id] = hash
    channelSlots[slot] = id
    if (channels.length * 2 > channelSlots.length)
      channelSlots = rehash(channelSlots, channelHashes, channels.length)
    return id
  }

  const builder: PathTableBuilder = {
    internChannel(name) {
      const bytes = new TextEncoder().encode(name)
      return builder.internChannelBytes(bytes, 0, bytes.length)
    },
    internChannelBytes(bytes, from, to) {
      let hash = 0x811c9dc5
      for (let index = from; index < to; index++) hash = Math.imul(hash ^ bytes[index], 0x01000193)
      const mask = channelSlots.length - 1
      let slot = hash & mask
      for (;;) {
        const id = channelSlots[slot]
        if (id === -1) return addChannel(bytes, from, to, hash, slot)
        if (channelHashes[id] === hash && nameStart[id + 1] - nameStart[id] === to - from) {
          let offset = nameStart[id]
          let index = from
          while (index < to && nameBytes[offset] === bytes[index]) {
            offset++
            index++
          }
          if (index === to) return id
        }
        slot = (slot + 1) & mask
      }
    },
    addPath(path, length, pathConversions, value, pathNulls) {
      rows++
      let hash = 0x811c9dc5 ^ length
      for (let index = 0; index < length; index++) hash = Math.imul(hash ^ path[index], 0x01000193)
      hash ^= hash >>> 15
      const mask = pathSlots.length - 1
      let slot = hash & mask
      for (;;) {
        const id = pathSlots[slot]
        if (id === -1) break
        if (pathHashes[id] === hash && pathStart[id + 1] - pathStart[id] === length) {
          const begin = pathStart[id]
          let index = 0
          while (index < length && pathChannels[begin + index] === path[index]) index++
          if (index === length) {
            conversions[id] += pathConversions
            values[id] += value
            nulls[id] += pathNulls
            return
          }
        }
        slot = (slot + 1) & mask
      }
      const id = pathCount++
      pathHashes = growInt(pathHashes, pathCount)
      pathStart = growInt(pathStart, pathCount + 1)
      conversions = growFloat(conversions, pathCount)
      values = growFloat(values, pathCount)
      nulls = growFloat(nulls, pathCount)
      pathChannels = growInt(pathChannels, pathStart[id] + length)
      pathChannels.set(path.subarray(0, length), pathStart[id])
      pathStart[id + 1] = pathStart[id] + length
      pathHashes[id] = hash
      conversions[id] = pathConversions
      values[id] = value
      nulls[id] = pathNulls
      pathSlots[slot] = id
      if (pathCount * 2 > pathSlots.length) pathSlots = rehash(pathSlots, pathHashes, pathCount)
    },
    finish() {
      return {
        channels,
        pathCount,
        pathStart: pathStart.subarray(0, pathCount + 1),
        pathChannels: pathChannels.subarray(0, pathStart[pathCount]),
        conversions: conversions.subarray(0, pathCount),
        values: values.subarray(0, pathCount),
        nulls: nulls.subarray(0, pathCount),
        rows,
      }
    },
  }
  return builder
}
