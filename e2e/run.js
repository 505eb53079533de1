// `npm run test:e2e`: builds the web app, starts a demo server on a fresh data dir, runs Playwright
// against it with Debian's Chromium, then stops the server and cleans up.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = dirname(dirname(fileURLToPath(import.meta.url)))
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const isCi = process.env.CI === 'true'
const readyTimeoutMs = 240_000

const log = (message) => console.log(`[e2e] ${message}`)

if (!existsSync(chromium)) {
  if (isCi) {
    console.error(`[e2e] Chromium not found at ${chromium}; browser tests are required under CI=true.`)
    process.exit(1)
  }
  log(`skipped: no Chromium at ${chromium} (install Debian's chromium to run the browser tests)`)
  process.exit(0)
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

function buildWeb() {
  log('building the web app')
  const result = spawnSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts'], {
    cwd: root,
    stdio: 'inherit',
  })
  return result.status === 0
}

function startServer(port, dataDir) {
  // A fresh embedded database every run, whatever the caller's environment points at.
  const env = { ...process.env }
  delete env.DATABASE_URL
  delete env.SMTP_URL
  // every spec signs in; from one address that passes the default 20 sign-ins a minute
  env.SIGN_IN_RATE_LIMIT = '1000'
  const child = spawn(
    process.execPath,
    ['bin/credence.js', 'serve', '--demo', '--port', String(port), '--data-dir', dataDir],
    { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  const output = []
  const keep = (chunk) => {
    output.push(chunk.toString())
    if (output.length > 400) output.shift()
  }
  child.stdout.on('data', keep)
  child.stderr.on('data', keep)
  return { child, output }
}

async function waitUntilReady(server, baseUrl) {
  const deadline = Date.now() + readyTimeoutMs
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null)
      throw new Error(`the server exited with code ${server.child.exitCode}`)
    try {
      const response = await fetch(`${baseUrl}/healthz`)
      if (response.ok) return
    } catch {
      // not listening yet
    }
    await sleep(500)
  }
  throw new Error(`the server was not ready after ${readyTimeoutMs / 1000}s`)
}

function stopServer(server) {
  return new Promise((resolve) => {
    if (server.child.exitCode !== null || server.child.signalCode !== null) return resolve()
    const force = setTimeout(() => server.child.kill('SIGKILL'), 10_000)
    server.child.once('exit', () => {
      clearTimeout(force)
      resolve()
    })
    server.child.kill('SIGTERM')
  })
}

function runPlaywright(baseUrl) {
  return new Promise((resolve) => {
    const child = spawn(
      'npx',
      ['playwright', 'test', '--config', 'e2e/playwright.config.ts', ...process.argv.slice(2)],
      {
        cwd: root,
        stdio: 'inherit',
        env: {
          ...process.env,
          BASE_URL: baseUrl,
          CHROMIUM_PATH: chromium,
          PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
        },
      },
    )
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })
}

async function main() {
  if (!buildWeb()) return 1
  const port = await freePort()
  const dataDir = mkdtempSync(join(tmpdir(), 'credence-e2e-'))
  const baseUrl = `http://127.0.0.1:${port}`
  log(`starting the demo server on ${baseUrl} (data in ${dataDir})`)
  const server = startServer(port, dataDir)
  const cleanUp = async () => {
    await stopServer(server)
    rmSync(dataDir, { recursive: true, force: true })
  }
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      void cleanUp().then(() => process.exit(130))
    })
  }
  try {
    await waitUntilReady(server, baseUrl)
    log('server ready; running Playwright')
    const code = await runPlaywright(baseUrl)
    if (code !== 0) {
      log('server output (last lines):')
      console.log(server.output.join('').split('\n').slice(-60).join('\n'))
    }
    return code
  } catch (error) {
    console.error(`[e2e] ${error instanceof Error ? error.message : String(error)}`)
    console.error(server.output.join(''))
    return 1
  } finally {
    await cleanUp()
  }
}

process.exit(await main())
