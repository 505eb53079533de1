// The dashboard API under load, as a browser fleet meets it: 20 clients at once on a running demo
// server (autocannon over loopback, 10 s), on the embedded database and on PostgreSQL.
import type { EventEmitter } from 'node:events'
import autocannon from 'autocannon'
import { onBothDatabases, withDemoServer } from './serve-process'
import { percentile } from './timing'

const targetP95Ms = 100

export function runDashboardBench() {
  return onBothDatabases((args, env, database) =>
    withDemoServer(args, env, async (session) => {
      // the instance is an event emitter as well as the promise of the result
      const run = autocannon({
        url: `${session.base}/api/v1/attribution/dashboard`,
        connections: 20,
        duration: Number(process.env.BENCH_DASHBOARD_SECONDS ?? 10),
        headers: { cookie: session.headers.cookie! },
      })
      // autocannon's percentiles skip p95: every response's time is kept to read it exactly
      const times: number[] = []
      ;(run as unknown as EventEmitter).on(
        'response',
        (_client: unknown, _status: number, _bytes: number, ms: number) => times.push(ms),
      )
      const result = await run
      times.sort((a, b) => a - b)
      const p95Ms = Math.round(percentile(times, 95) * 10) / 10
      return {
        run: `GET /attribution/dashboard, 20 clients, ${database}`,
        requests: result.requests.total,
        non2xx: result.non2xx,
        requestsPerSecond: result.requests.average,
        p50Ms: result.latency.p50,
        p90Ms: result.latency.p90,
        p95Ms,
        p97_5Ms: result.latency.p97_5,
        targetP95Ms,
        isWithinTarget: result.non2xx === 0 && p95Ms <= targetP95Ms,
      }
    }),
  )
}
