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
import { systemClock } from '../src/platform/clock'

import {
  accountCount,
  createGeneratedOrg,
  type GeneratedDeal,
  type GeneratedTouch,
  generateOrg,
  isoDay,
  touchesPerDeal,
} from './generated-org'

const bin = fileURLToPath(new URL('../bin/credence.js', import.meta.url))

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

async function writeFiles(dir: string, dealCount: number): Promise<void> {
  if (existsSync(join(dir, 'touches.csv'))) return
  mkdirSync(dir, { recursive: true })
  const org = generateOrg(dealCount)
  await writeLines(join(dir, 'accounts.csv'), 'id,name,country', accountCount, (i) => `A${i},Account ${i},US`)
  const deals = org.deals()
  await writeLines(
    join(dir, 'deals.csv'),
    'id,name,account,amount,currency,status,opened,closed',
    dealCount,
    () => {
      const d = deals.next().value as GeneratedDeal
      const closed = d.closedAt ? isoDay(d.closedAt) : ''
      return `D${d.index},Deal ${d.index},A${d.account},${d.amount.toFixed(2)},USD,${d.status},${isoDay(d.openedAt)},${closed}`
    },
  )
  const touches = org.touches()
  await writeLines(
    join(dir, 'touches.csv'),
    'id,deal,kind,partner,seller,activity,at',
    dealCount * touchesPerDeal,
    () => {
      const t = touches.next().value as GeneratedTouch
      return t.partner !== null
        ? `T${t.index},D${t.deal},partner,Partner ${t.partner},,${t.activity},${isoDay(t.occurredAt)}`
        : `T${t.index},D${t.deal},direct,,${t.seller},${t.activity},${isoDay(t.occurredAt)}`
    },
  )
}

/** A database with the org and its partners, as the import finds it. */
async function prepareOrg(options: { url?: string; dataDir?: string }): Promise<void> {
  const database = await openDatabase(options)
  await migrateDatabase(database)
  await createGeneratedOrg(database.db, systemClock)
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
