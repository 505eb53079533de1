// The transient part of an absorbing chain in compressed rows, and the renumberings the iterative
// solvers sweep in.

/** The transient part of the chain in compressed rows, self-loops held apart. */
export interface SparseChain {
  size: number
  rowStart: Int32Array
  column: Int32Array
  probability: Float64Array
  /** Q(i, i): a state that repeats itself. */
  selfLoop: Float64Array
}

/** A chain as counted from paths, states in canonical order. */
export interface CountedChain {
  chain: SparseChain
  channelCount: number
  order: number
  paths: number
  /** Share of paths starting in each state. */
  start: Float64Array
  /** Probability of converting (and the value converted) on leaving each state. */
  toConversion: Float64Array
  toValue: Float64Array
  /** Times each state was left: its expected visits, times the number of paths. */
  visits: Float64Array
  /** Each state's channels, the current one last, `order` per state, −1 after a shorter state's end. */
  stateChannels: Int32Array
}

/**
 * A renumbering for the sweeps: states in depth-first post-order over their successors, so a state
 * comes after everything it leads to except along cycles. Sweeping from the first state to the last
 * then meets a state's successors already updated, and only the probability that flows back along a
 * cycle is left for later sweeps. Returns the states in sweep order.
 */
export function flowOrder(chain: SparseChain): Int32Array {
  const { size, rowStart, column } = chain
  const order = new Int32Array(size)
  const seen = new Uint8Array(size)
  const stack = new Int32Array(size)
  const cursor = new Int32Array(size)
  let placed = 0
  for (let root = 0; root < size; root++) {
    if (seen[root]) continue
    seen[root] = 1
    let depth = 0
    stack[0] = root
    cursor[0] = rowStart[root]
    while (depth >= 0) {
      const state = stack[depth]
      const entry = cursor[depth]
      if (entry < rowStart[state + 1]) {
        cursor[depth] = entry + 1
        const next = column[entry]
        if (!seen[next]) {
          seen[next] = 1
          depth++
          stack[depth] = next
          cursor[depth] = rowStart[next]
        }
      } else {
        order[placed++] = state
        depth--
      }
    }
  }
  return order
}

/** The chain with state `order[k]` renumbered k. */
export function renumberChain(chain: SparseChain, order: Int32Array): SparseChain {
  const { size, rowStart, column, probability, selfLoop } = chain
  const positionOf = new Int32Array(size)
  order.forEach((state, position) => {
    positionOf[state] = position
  })
  const nextStart = new Int32Array(size + 1)
  const nextColumn = new Int32Array(column.length)
  const nextProbability = new Float64Array(probability.length)
  const nextSelfLoop = new Float64Array(size)
  let fill = 0
  for (let position = 0; position < size; position++) {
    const state = order[position]
    nextSelfLoop[position] = selfLoop[state]
    for (let entry = rowStart[state]; entry < rowStart[state + 1]; entry++) {
      nextColumn[fill] = positionOf[column[entry]]
      nextProbability[fill++] = probability[entry]
    }
    nextStart[position + 1] = fill
  }
  return {
    size,
    rowStart: nextStart,
    column: nextColumn,
    probability: nextProbability,
    selfLoop: nextSelfLoop,
  }
}

/** Predecessors of each state in compressed rows. */
export function predecessors(chain: SparseChain): { rowStart: Int32Array; column: Int32Array } {
  const { size, rowStart, column } = chain
  const start = new Int32Array(size + 1)
  for (let entry = 0; entry < rowStart[size]; entry++) start[column[entry] + 1]++
  for (let state = 0; state < size; state++) start[state + 1] += start[state]
  const fill = start.slice(0, size)
  const from = new Int32Array(rowStart[size])
  for (let state = 0; state < size; state++)
    for (let entry = rowStart[state]; entry < rowStart[state + 1]; entry++)
      from[fill[column[entry]]++] = state
  return { rowStart: start, column: from }
}
