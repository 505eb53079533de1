// Live credit as a user meets it: `credence serve --demo` as its own process, a browser-like client on
// the server-sent event stream, and a touch recorded through the API; the time from the touch's POST
// to its deal's `credit.changed` arriving on the stream, on the embedded database and on PostgreSQL.
// Build first: `npm run build:cli`. Touches: BENCH_LIVE_TOUCHES (default 40).
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openDatabase } from '../src/db/client'

const bin = fileURLToPath(new URL('../bin/credence.js', import.meta.url))
const targetP95Ms = 200

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

async function startServer(args: string[], env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn('node', [bin, 'serve', '--demo', '--host', '127.0.0.1', ...args], {
    env: { ...process.env, SIGN_IN_RATE_LIMIT: '1000', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  await new Promise<void>((resolve, reject) => {
    let output = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('Credence listening')) resolve()
    })
    child.stderr!.on('data', (chunk: Buffer) => {
      output += chunk.toString()
    })
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${output.slice(-800)}`)))
  })
  return child
}

interface Session {
  base: string
  headers: Record<string, string>
}

async function signIn(base: string): Promise<Session> {
  const response = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@demo.credence.dev', password: 'credence-demo' }),
  })
  if (!response.ok) throw new Error(`sign-in: ${response.status} ${await response.text()}`)
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ')
  const me = (await (await fetch(`${base}/api/v1/me`, { headers: { cookie } })).json()) as {
    csrfToken: string
  }
  return { base, headers: { cookie, 'x-csrf-token': me.csrfToken, 'content-type': 'application/json' } }
}

async function get<T>(session: Session, path: string): Promise<T> {
  const response = await fetch(`${session.base}/api/v1${path}`, { headers: session.headers })
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`)
  return (await response.json()) as T
}

/** Waits until the demo's first org-wide recompute is through, so touches meet a quiet server. */
async function settle(session: Session): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const { items } = await get<{ items: { status: string }[] }>(session, '/attribution/recompute')
    if (items.length > 0 && items.every((j) => j.status === 'done' || j.status === 'failed')) return
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}

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

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!

async function measure(run: string, args: string[], env: Record<string, string>) {
  const port = await freePort()
  const server = await startServer(['--port', String(port), ...args], env)
  try {
    const session = await signIn(`http://127.0.0.1:${port}`)
    await settle(session)
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
      run,
      touches: count,
      delivered: latencies.length,
      p50Ms: Math.round(percentile(sorted, 50)),
      p95Ms,
      maxMs: Math.round(sorted.at(-1)!),
      targetP95Ms,
      isWithinTarget: latencies.length === count && p95Ms <= targetP95Ms,
    }
  } finally {
    server.kill('SIGTERM')
    await new Promise((resolve) => server.once('exit', resolve))
  }
}

export async function runLiveBench() {
  const figures: Record<string, unknown>[] = []
  const dataDir = mkdtempSync(join(tmpdir(), 'credence-live-bench-'))
  try {
    figures.push(await measure('touch → credit.changed over SSE, embedded', ['--data-dir', dataDir], {}))
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
  const base = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  const admin = await openDatabase({ url: base, poolSize: 1 }).catch(() => null)
  if (!admin) figures.push({ run: 'live on PostgreSQL', skipped: `no server at ${new URL(base).host}` })
  else {
    const name = `credence_live_bench_${process.pid}`
    const url = new URL(base)
    url.pathname = `/${name}`
    try {
      await admin.exec(`create database ${name}`)
      figures.push(
        await measure('touch → credit.changed over SSE, PostgreSQL', [], { DATABASE_URL: url.toString() }),
      )
    } finally {
      await admin.exec(`drop database if exists ${name} with (force)`)
      await admin.close()
    }
  }
  return figures
}
