// The dashboard API under load, as a browser fleet meets it: 20 clients at once on a running demo
// server (autocannon over loopback, 10 s), on the embedded database and on PostgreSQL.
import autocannon from 'autocannon'
import { onBothDatabases, withDemoServer } from './serve-process'

const targetP95Ms = 100

export function runDashboardBench() {
  return onBothDatabases((args, env, database) =>
    withDemoServer(args, env, async (session) => {
      const result = await autocannon({
        url: `${session.base}/api/v1/attribution/dashboard`,
        connections: 20,
        duration: Number(process.env.BENCH_DASHBOARD_SECONDS ?? 10),
        headers: { cookie: session.headers.cookie! },
      })
      // autocannon's percentiles skip p95: p90 and p97.5 bracket it
      return {
        run: `GET /attribution/dashboard, 20 clients, ${database}`,
        requests: result.requests.total,
        non2xx: result.non2xx,
        requestsPerSecond: result.requests.average,
        p50Ms: result.latency.p50,
        p90Ms: result.latency.p90,
        p97_5Ms: result.latency.p97_5,
        targetP95Ms,
        isWithinTarget: result.non2xx === 0 && result.latency.p97_5 <= targetP95Ms,
      }
    }),
  )
}
