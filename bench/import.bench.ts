// `credence import` as a user runs it, on a generated org: 500 partners, 100k deals, 1M touches (and
// 10k accounts) as CSV files, imported by a separate CLI process on the embedded database and on
// PostgreSQL, timed with /usr/bin/time. Build first: `npm run build:cli`.
// Size: BENCH_IMPORT_DEALS (default 100000; touches are ten a deal).
import { spawnSync } from 'node:child_process'
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { migrateDatabase, openDatabase } from '../src/db/client'
import { createOrg } from '../src/modules/identity'
import { createPartner } from '../src/modules/partners'
import { systemClock } from '../src/platform/clock'
import { systemScope } from '../src/platform/scope'

const bin = fileURLToPath(new URL('../bin/credence.js', import.meta.url))
const partnerCount = 500
const accountCount = 10_000
const touchesPerDeal = 10

const mapping = {
  accounts: {
    fields: { externalId: { column: 'id' }, name: { column: 'name' }, country: { column: 'country' } },
  },
  deals: {
    fields: {
      externalId: { column: 'id' },
      name: { column: 'name' },
      account: { column: 'account' },
      amount: { column: 'amount' },
      currency: { column: 'currency' },
      status: { column: 'status' },
      openedAt: { column: 'opened' },
      closedAt: { column: 'closed' },
    },
  },
  touches: {
    fields: {
      externalId: { column: 'id' },
      deal: { column: 'deal' },
      actorKind: { column: 'kind' },
      partner: { column: 'partner' },
      seller: { column: 'seller' },
      activity: { column: 'activity' },
      occurredAt: { column: 'at' },
    },
  },
}

/** A small deterministic generator (mulberry32), so every run reads the same files. */
function random(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

async function writeLines(path: string, header: string, count: number, line: (i: number) => string) {
  const out = createWriteStream(path)
  out.write(`${header}\n`)
  let chunk = ''
  for (let i = 0; i < count; i++) {
    chunk += `${line(i)}\n`
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()))
      chunk = ''
    }
  }
  out.end(chunk)
  await new Promise<void>((resolve) => out.once('finish', () => resolve()))
}

async function writeFiles(dir: string, deals: number): Promise<void> {
  if (existsSync(join(dir, 'touches.csv'))) return
  mkdirSync(dir, { recursive: true })
  const next = random(11)
  const day = (offset: number) =>
    new Date(Date.UTC(2025, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10)
  await writeLines(join(dir, 'accounts.csv'), 'id,name,country', accountCount, (i) => `A${i},Account ${i},US`)
  const opened = Array.from({ length: deals }, () => Math.floor(next() * 500))
  await writeLines(
    join(dir, 'deals.csv'),
    'id,name,account,amount,currency,status,opened,closed',
    deals,
    (i) => {
      const roll = next()
      const status = roll < 0.3 ? 'won' : roll < 0.5 ? 'lost' : 'open'
      const closed = status === 'open' ? '' : day(opened[i]! + 30 + Math.floor(next() * 90))
      return `D${i},Deal ${i},A${i % accountCount},${(1000 + Math.floor(next() * 99_000)).toFixed(2)},USD,${status},${day(opened[i]!)},${closed}`
    },
  )
  const activities = ['referral', 'demo', 'co_sell_meeting', 'proposal', 'training']
  await writeLines(
    join(dir, 'touches.csv'),
    'id,deal,kind,partner,seller,activity,at',
    deals * touchesPerDeal,
    (i) => {
      const deal = Math.floor(i / touchesPerDeal)
      const isPartner = next() < 0.8
      const at = day(opened[deal]! + (i % touchesPerDeal))
      const activity = activities[Math.floor(next() * activities.length)]
      return isPartner
        ? `T${i},D${deal},partner,Partner ${Math.floor(next() * partnerCount)},,${activity},${at}`
        : `T${i},D${deal},direct,,rep${i % 40}@vendor.example,${activity},${at}`
    },
  )
}

/** A database with the org and its partners, as the import finds it. */
async function prepareOrg(options: { url?: string; dataDir?: string }): Promise<void> {
  const database = await openDatabase(options)
  await migrateDatabase(database)
  const clock = systemClock
  const org = await createOrg(database.db, { name: 'Bench', slug: 'bench' }, clock)
  const scope = systemScope(org.id)
  for (let i = 0; i < partnerCount; i++)
    await createPartner(
      database.db,
      scope,
      { name: `Partner ${i}`, type: 'reseller', status: 'active', currency: 'USD', tags: [], contacts: [] },
      { clock },
    )
  await database.close()
}

function runImport(dir: string, env: Record<string, string>, dataDir?: string) {
  const result = spawnSync(
    '/usr/bin/time',
    [
      '-f',
      '%e %M',
      'node',
      bin,
      'import',
      ...(dataDir ? ['--data-dir', dataDir] : []),
      '--org',
      'bench',
      '--source',
      'gen',
      '--mapping',
      join(dir, 'mapping.json'),
      '--accounts',
      join(dir, 'accounts.csv'),
      '--deals',
      join(dir, 'deals.csv'),
      '--touches',
      join(dir, 'touches.csv'),
    ],
    { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 24 },
  )
  const last = result.stderr.trim().split('\n').at(-1) ?? ''
  const [seconds, kilobytes] = last.split(' ').map(Number)
  if (result.status !== 0 || seconds === undefined || kilobytes === undefined)
    throw new Error(`credence import failed: ${result.stdout.slice(-800)} ${result.stderr.slice(-800)}`)
  return { seconds, peakMb: Math.round(kilobytes / 1024), output: result.stdout.trim().split('\n') }
}

export async function runImportBench() {
  const deals = Number(process.env.BENCH_IMPORT_DEALS ?? 100_000)
  const dir = join(tmpdir(), 'credence-bench', `import-${deals}`)
  await writeFiles(dir, deals)
  writeFileSync(join(dir, 'mapping.json'), JSON.stringify(mapping))
  const targetSeconds = 60
  const figures: Record<string, unknown>[] = []
  const figure = (run: string, measured: ReturnType<typeof runImport>) => ({
    run,
    seconds: measured.seconds,
    targetSeconds,
    peakMb: measured.peakMb,
    isWithinTarget: measured.seconds <= targetSeconds,
    output: measured.output,
  })

  const dataDir = mkdtempSync(join(tmpdir(), 'credence-import-bench-'))
  try {
    await prepareOrg({ dataDir })
    const measured = runImport(dir, {}, dataDir)
    figures.push(figure(`import ${deals} deals, ${deals * touchesPerDeal} touches, embedded`, measured))
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }

  const base = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  const name = `credence_import_bench_${process.pid}`
  const admin = await openDatabase({ url: base, poolSize: 1 }).catch(() => null)
  if (!admin) figures.push({ run: 'import on PostgreSQL', skipped: `no server at ${new URL(base).host}` })
  else {
    const url = new URL(base)
    url.pathname = `/${name}`
    try {
      await admin.exec(`create database ${name}`)
      await prepareOrg({ url: url.toString() })
      const measured = runImport(dir, { DATABASE_URL: url.toString() })
      figures.push(figure(`import ${deals} deals, ${deals * touchesPerDeal} touches, PostgreSQL`, measured))
    } finally {
      await admin.exec(`drop database if exists ${name} with (force)`)
      await admin.close()
    }
  }
  return figures
}
