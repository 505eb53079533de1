// Revenue reports over a large org, as the console asks for them cold (nothing cached): the forecast by
// quarter, the partner pipeline by partner, and the revenue waterfall by quarter, on the generated org
// (500 partners, 100k deals, 1M touches) after its org-wide recompute under the six starter models, on
// the embedded database and on PostgreSQL. Size: BENCH_REVENUE_DEALS (default 100000).
import { openDatabase } from '../src/db/client'
import { queueRecompute, runRecompute } from '../src/modules/credits'
import { getForecast, getPipeline } from '../src/modules/revenue/forecast/forecast.service'
import { getWaterfall } from '../src/modules/revenue/waterfall/waterfall.service'
import { systemClock } from '../src/platform/clock'
import { systemScope } from '../src/platform/scope'
import { onEachDatabase } from './databases'
import { loadOrg } from './reattribute.bench'
import { percentile } from './timing'

const targetMs = 300
const runs = 5

export function runRevenueBench() {
  const dealCount = Number(process.env.BENCH_REVENUE_DEALS ?? 100_000)
  return onEachDatabase('revenue', async (open, label) => {
    const database = await openDatabase(open)
    try {
      const started = performance.now()
      const orgId = await loadOrg(database, dealCount)
      const { db } = database
      const jobId = await queueRecompute(db, orgId, 'benchmark', systemClock)
      await runRecompute(db, orgId, jobId, systemClock)
      const setupSeconds = Math.round((performance.now() - started) / 100) / 10
      const scope = systemScope(orgId)
      const reports = {
        forecast: () =>
          getForecast(db, scope, { granularity: 'quarter', periods: 4, probabilities: 'auto' }, systemClock),
        pipeline: () => getPipeline(db, scope, { by: 'partner' }, systemClock),
        waterfall: () => getWaterfall(db, scope, { granularity: 'quarter', periods: 4 }, systemClock),
      }
      const figures: Record<string, unknown> = {}
      for (const [name, report] of Object.entries(reports)) {
        const times: number[] = []
        for (let i = 0; i < runs; i++) {
          const at = performance.now()
          await report()
          times.push(performance.now() - at)
        }
        times.sort((a, b) => a - b)
        figures[`${name}Ms`] = {
          median: Math.round(percentile(times, 50)),
          worst: Math.round(times.at(-1)!),
        }
      }
      return {
        run: `revenue reports, ${dealCount} deals, cold, ${label}`,
        ...figures,
        targetMs,
        setupSeconds,
      }
    } finally {
      await database.close()
    }
  })
}
