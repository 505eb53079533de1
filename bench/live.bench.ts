// Live credit as a user meets it: `credence serve --demo` as its own process, a browser-like client on
// the server-sent event stream, and a touch recorded through the API; the time from the touch's POST
// to its deal's `credit.changed` arriving on the stream, on the embedded database and on PostgreSQL.
// Build first: `npm run build:cli`. Touches: BENCH_LIVE_TOUCHES (default 40).
import { request } from 'node:http'
import { get, onBothDatabases, type Session, withDemoServer } from './serve-process'
import { percentile } from './timing'

const targetP95Ms = 200

/** Arrival times of credit.changed by deal, from the live stream. */
function openStream(session: Session): { arrivals: Map<string, number[]>; close(): void } {
  const arrivals = new Map<string, number[]>()
  const url = new URL(`${session.base}/api/v1/attribution/live`)
  const req = request(
    { host: url.hostname, port: url.port, path: url.pathname, headers: { cookie: session.headers.cookie! } },
    (res) => {
      let buffer = ''
      res.on('data', (chunk: Buffer) => {
        const at = performance.now()
        buffer += chunk.toString()
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const data = /^data: (.*)$/m.exec(buffer.slice(0, end))?.[1]
          buffer = buffer.slice(end + 2)
          if (!data) continue
          const { dealId } = JSON.parse(data) as { dealId: string }
          arrivals.set(dealId, [...(arrivals.get(dealId) ?? []), at])
        }
      })
    },
  )
  req.on('error', () => undefined)
  req.end()
  return { arrivals, close: () => req.destroy() }
}

function measure(args: string[], env: Record<string, string>, database: string) {
  return withDemoServer(args, env, async (session) => {
    const deals = await get<{ items: { id: string }[] }>(session, '/deals?status=open&limit=100')
    const partners = await get<{ items: { id: string }[] }>(session, '/partners?limit=20')
    const stream = openStream(session)
    await new Promise((resolve) => setTimeout(resolve, 500))
    const latencies: number[] = []
    const count = Number(process.env.BENCH_LIVE_TOUCHES ?? 40)
    for (let i = 0; i < count; i++) {
      const deal = deals.items[i % deals.items.length]!.id
      const sentAt = performance.now()
      const response = await fetch(`${session.base}/api/v1/touchpoints`, {
        method: 'POST',
        headers: session.headers,
        body: JSON.stringify({
          dealId: deal,
          actor: { kind: 'partner', partnerId: partners.items[i % partners.items.length]!.id },
          activityType: 'demo',
          occurredAt: new Date().toISOString(),
        }),
      })
      if (!response.ok) throw new Error(`touch: ${response.status} ${await response.text()}`)
      let arrival: number | undefined
      for (const started = performance.now(); performance.now() - started < 5000; ) {
        arrival = stream.arrivals.get(deal)?.find((at) => at > sentAt)
        if (arrival) break
        await new Promise((resolve) => setTimeout(resolve, 2))
      }
      if (arrival) latencies.push(arrival - sentAt)
      // let the deal's other models finish before the next touch
      await new Promise((resolve) => setTimeout(resolve, 150))
    }
    stream.close()
    const sorted = [...latencies].sort((a, b) => a - b)
    const p95Ms = Math.round(percentile(sorted, 95))
    return {
      run: `touch → credit.changed over SSE, ${database}`,
      touches: count,
      delivered: latencies.length,
      p50Ms: Math.round(percentile(sorted, 50)),
      p95Ms,
      maxMs: Math.round(sorted.at(-1)!),
      targetP95Ms,
      isWithinTarget: latencies.length === count && p95Ms <= targetP95Ms,
    }
  })
}

export function runLiveBench() {
  return onBothDatabases(measure)
}
