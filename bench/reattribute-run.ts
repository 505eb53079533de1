// One org-wide recompute as the worker runs it (queued, then run to the end), timed in a process of
// its own; then the same recompute again, with nothing changed. Prints the figures as JSON.
// Started by `reattribute.bench.ts` with the database and org as one JSON argument.
import { type OpenOptions, openDatabase } from '../src/db/client'
import { queueRecompute, runRecompute } from '../src/modules/credits'
import { systemClock } from '../src/platform/clock'
import { peakRssMb } from './timing'

const { orgId, ...open } = JSON.parse(process.argv[2] ?? '{}') as OpenOptions & { orgId: string }
const database = await openDatabase(open)
const clock = systemClock

const count = async () => {
  const { rows } = await database.query<{ runs: number; credits: number; heads: number }>(
    `select (select count(*)::int from attribution_runs where org_id = $1) as runs,
            (select count(*)::int from credits where org_id = $1) as credits,
            (select count(*)::int from current_runs where org_id = $1) as heads`,
    [orgId],
  )
  return rows[0]!
}

const recompute = async () => {
  const started = performance.now()
  const jobId = await queueRecompute(database.db, orgId, 'benchmark', clock)
  const view = await runRecompute(database.db, orgId, jobId, clock)
  if (view?.status !== 'done') throw new Error(`recompute ended ${view?.status}`)
  return { seconds: Math.round((performance.now() - started) / 10) / 100, deals: view.total }
}

const before = await count()
const first = await recompute()
const written = await count()
const peakMb = peakRssMb()
const again = await recompute()
const after = await count()
await database.close()
process.stdout.write(
  JSON.stringify({
    seconds: first.seconds,
    deals: first.deals,
    runsWritten: written.runs - before.runs,
    creditsWritten: written.credits - before.credits,
    heads: written.heads,
    peakMb,
    unchangedSeconds: again.seconds,
    unchangedRunsWritten: after.runs - written.runs,
  }),
)
