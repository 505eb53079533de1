// The org-wide tier evaluation as the worker runs it, timed in a process of its own on an org loaded
// by `tiers.bench.ts`: once with every partner placed for the first time, once with nothing changed.
// Prints the figures as JSON.
import { type OpenOptions, openDatabase } from '../src/db/client'
import { queueEvaluation, runEvaluation } from '../src/modules/programs/evaluations.service'
import { systemClock } from '../src/platform/clock'
import { peakRssMb } from './timing'

const { orgId, ...open } = JSON.parse(process.argv[2] ?? '{}') as OpenOptions & { orgId: string }
const database = await openDatabase(open)
const { db } = database
const clock = systemClock

const evaluate = async () => {
  const started = performance.now()
  const id = await db.transaction((tx) => queueEvaluation(tx, orgId, 'benchmark', clock))
  const view = await runEvaluation(db, orgId, id, clock)
  if (view?.status !== 'done') throw new Error(`evaluation ended ${view?.status}`)
  return { seconds: Math.round((performance.now() - started) / 10) / 100, view }
}

const first = await evaluate()
const again = await evaluate()
const tiers = (
  await database.query<{ tier: string | null; n: number }>(
    'select tier, count(*)::int as n from partners where org_id = $1 group by 1 order by 1',
    [orgId],
  )
).rows
await database.close()
process.stdout.write(
  JSON.stringify({
    seconds: first.seconds,
    partners: first.view.total,
    changed: first.view.changed,
    unchangedSeconds: again.seconds,
    unchangedChanged: again.view.changed,
    tiers: Object.fromEntries(tiers.map((t) => [t.tier ?? 'none', t.n])),
    peakMb: peakRssMb(),
  }),
)
