// A server as its own process for benchmarks that measure what a running server does: started on a
// free port (embedded data dir or DATABASE_URL) with the demo org or on data a bench wrote, signed in
// (the demo admin by default), settled after the demo's first org-wide recompute, and stopped.
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { openDatabase } from '../src/db/client'

const bin = fileURLToPath(new URL('../bin/credence.js', import.meta.url))

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer()
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

/** `credence serve` with these arguments (add `--demo` for the demo org), once it listens. */
export async function startServer(args: string[], env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn('node', [bin, 'serve', '--host', '127.0.0.1', ...args], {
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

export interface Session {
  base: string
  headers: Record<string, string>
}

export async function signIn(
  base: string,
  login = { email: 'admin@demo.credence.dev', password: 'credence-demo' },
): Promise<Session> {
  // a server busy with org-wide work on the embedded database (one connection) may not answer within
  // fetch's five minutes: ask again until it does
  let response: Response | undefined
  for (let attempt = 1; !response; attempt++) {
    response = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(login),
    }).catch((error: Error) => {
      if (attempt >= 6) throw error
      return undefined
    })
  }
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

export async function get<T>(session: Session, path: string): Promise<T> {
  const response = await fetch(`${session.base}/api/v1${path}`, { headers: session.headers })
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`)
  return (await response.json()) as T
}

/** Waits until the demo's first org-wide recompute is through, so touches meet a quiet server. */
export async function settle(session: Session): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const { items } = await get<{ items: { status: string }[] }>(session, '/attribution/recompute')
    if (items.length > 0 && items.every((j) => j.status === 'done' || j.status === 'failed')) return
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
}

/**
 * Waits until the org's background jobs on these lists (e.g. tier evaluations, commission syncs) are
 * through and stay so for a few polls, as a user would find a server after the work a change set off;
 * answers how long that took, in seconds.
 */
export async function waitForQuiet(session: Session, lists: readonly string[]): Promise<number> {
  const started = performance.now()
  let quietPolls = 0
  while (quietPolls < 4 && performance.now() - started < 1_800_000) {
    let isQuiet = true
    for (const list of lists) {
      const { items } = await get<{ items: { status: string }[] }>(session, list)
      if (items.some((j) => j.status !== 'done' && j.status !== 'failed')) isQuiet = false
    }
    quietPolls = isQuiet ? quietPolls + 1 : 0
    await new Promise((resolve) => setTimeout(resolve, 500))
  }
  return Math.round((performance.now() - started) / 100) / 10
}

/** Runs `measure` against a demo server on the embedded database, then on a fresh PostgreSQL database. */
export async function onBothDatabases(
  measure: (
    args: string[],
    env: Record<string, string>,
    database: string,
  ) => Promise<Record<string, unknown>>,
): Promise<Record<string, unknown>[]> {
  const figures: Record<string, unknown>[] = []
  const dataDir = mkdtempSync(join(tmpdir(), 'credence-serve-bench-'))
  try {
    figures.push(await measure(['--data-dir', dataDir], {}, 'embedded'))
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
  const base = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  const admin = await openDatabase({ url: base, poolSize: 1 }).catch(() => null)
  if (!admin) return [...figures, { database: 'PostgreSQL', skipped: `no server at ${new URL(base).host}` }]
  const name = `credence_serve_bench_${process.pid}`
  const url = new URL(base)
  url.pathname = `/${name}`
  try {
    await admin.exec(`create database ${name}`)
    figures.push(await measure([], { DATABASE_URL: url.toString() }, 'PostgreSQL'))
  } finally {
    await admin.exec(`drop database if exists ${name} with (force)`)
    await admin.close()
  }
  return figures
}

/** Stops a server started by `startServer`. */
export async function stopServer(server: ChildProcess): Promise<void> {
  server.kill('SIGTERM')
  await new Promise((resolve) => server.once('exit', resolve))
}

/** Starts the demo server, signs in, waits for the first recompute, runs `task`, and stops it. */
export async function withDemoServer<T>(
  args: string[],
  env: Record<string, string>,
  task: (session: Session) => Promise<T>,
): Promise<T> {
  const port = await freePort()
  const server: ChildProcess = await startServer(['--demo', '--port', String(port), ...args], env)
  try {
    const session = await signIn(`http://127.0.0.1:${port}`)
    await settle(session)
    return await task(session)
  } finally {
    await stopServer(server)
  }
}
