// The worker side of markov-threads.ts: takes batches from the shared counter until none are left.
import { workerData } from 'node:worker_threads'
import { solveRemovals } from '../attribution'
import { NEXT, type SharedSolve, SOLVED } from './markov-threads'

const { job, channels, out, control, done } = workerData as SharedSolve
const counters = new Int32Array(control)
const flags = new Int32Array(done)
solveRemovals(
  job,
  channels,
  new Float64Array(out),
  () => Atomics.add(counters, NEXT, 1),
  (batch) => {
    Atomics.store(flags, batch, 1)
    Atomics.add(counters, SOLVED, 1)
    Atomics.notify(counters, SOLVED)
  },
)
