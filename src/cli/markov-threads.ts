// Higher-order Markov removal solves on two threads: this one and a worker (markov-worker.ts), each
// taking batches of channels from one shared counter, answers written into shared memory. The
// engine's API stays synchronous: this thread solves batches until none are left, then waits on an
// atomic for the worker's last. A worker that never starts costs nothing (this thread takes every
// batch); one that stops answering has its batches solved here.
import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { Worker } from 'node:worker_threads'
import { countRemovalBatches, type RemovalJob, type RemovalThreads, solveRemovals } from '../attribution'
import { createProgress } from './attribute-progress'

/** Below this many chain entries × channels, starting a worker (about 0.1 s) does not pay. */
const WORK_FOR_A_THREAD = 50_000_000
/** A batch the worker took and has not finished after this long is solved here as well. */
const PATIENCE_MS = 120_000

/** Control words: the next batch to take, and how many batches are solved. */
export const NEXT = 0
export const SOLVED = 1

export interface SharedSolve {
  job: RemovalJob
  channels: Int32Array
  out: SharedArrayBuffer
  control: SharedArrayBuffer
  /** One flag per batch, set once its answers are in `out`. */
  done: SharedArrayBuffer
}

/** Typed arrays handed to a worker are copied, unless they are backed by shared memory. */
function share<T extends Int32Array | Float64Array>(values: T): T {
  const shared = new (values.constructor as { new (buffer: SharedArrayBuffer): T })(
    new SharedArrayBuffer(values.byteLength),
  )
  shared.set(values)
  return shared
}

/** The job with its arrays in shared memory, so the worker reads the same chain, not a copy of it. */
function moveToSharedMemory(job: RemovalJob): RemovalJob {
  const { incoming, coarse } = job
  return {
    ...job,
    incoming: {
      size: incoming.size,
      rowStart: share(incoming.rowStart),
      column: share(incoming.column),
      probability: share(incoming.probability),
      selfLoop: share(incoming.selfLoop),
    },
    slotOf: share(job.slotOf),
    stateOfSlot: share(job.stateOfSlot),
    start: share(job.start),
    visits: share(job.visits),
    rewardConversion: share(job.rewardConversion),
    rewardValue: share(job.rewardValue),
    channelStart: share(job.channelStart),
    channelStates: share(job.channelStates),
    coarse: coarse && {
      ...coarse,
      inverse: share(coarse.inverse),
      groupBySlot: share(coarse.groupBySlot),
      shareBySlot: share(coarse.shareBySlot),
      current: share(coarse.current),
      restriction: share(coarse.restriction),
      leaving: share(coarse.leaving),
    },
  }
}

/**
 * Removal solves with a progress bar, shared with a worker when the job is large, the compiled worker
 * is there (`npm run build:cli`) and a second core is.
 */
export function createRemovalThreads(): RemovalThreads {
  // beside the bundle (import.meta.dirname: the build leaves import.meta.url pointing at the sources)
  const workerFile = join(import.meta.dirname, 'markov-worker.js')
  const canShare = availableParallelism() > 1 && existsSync(workerFile)
  return {
    solve(job, channels, out) {
      const batches = countRemovalBatches(channels.length)
      const progress = createProgress('removal effects', batches, process.stderr, 'steps')
      const work = job.incoming.rowStart[job.incoming.size] * channels.length
      if (!canShare || work < WORK_FOR_A_THREAD) {
        let solved = 0
        solveRemovals(job, channels, out, undefined, () => progress.update(++solved))
        progress.done()
        return
      }
      const shared: SharedSolve = {
        job: moveToSharedMemory(job),
        channels,
        out: new SharedArrayBuffer(out.byteLength),
        control: new SharedArrayBuffer(8),
        done: new SharedArrayBuffer(batches * 4),
      }
      const answers = new Float64Array(shared.out)
      const control = new Int32Array(shared.control)
      const done = new Int32Array(shared.done)
      const worker = new Worker(workerFile, { workerData: shared })
      worker.unref()
      // a worker that fails leaves its batches to this thread (see below), so its error is not fatal
      worker.on('error', () => {})
      const markSolved = (batch: number) => {
        Atomics.store(done, batch, 1)
        Atomics.add(control, SOLVED, 1)
        Atomics.notify(control, SOLVED)
        progress.update(Atomics.load(control, SOLVED))
      }
      solveRemovals(shared.job, channels, answers, () => Atomics.add(control, NEXT, 1), markSolved)
      let solved = Atomics.load(control, SOLVED)
      let since = Date.now()
      while (solved < batches) {
        Atomics.wait(control, SOLVED, solved, 1000)
        const now = Atomics.load(control, SOLVED)
        if (now !== solved) since = Date.now()
        solved = now
        progress.update(solved)
        if (solved < batches && Date.now() - since > PATIENCE_MS) {
          // the worker has stopped: solve what it left here
          const missing = Int32Array.from(done.keys()).filter((batch) => Atomics.load(done, batch) === 0)
          let next = 0
          solveRemovals(shared.job, channels, answers, () =>
            next < missing.length ? missing[next++] : batches,
          )
          break
        }
      }
      progress.done()
      void worker.terminate()
      out.set(answers)
    },
  }
}
