// The `credence` command: serve, worker, migrate, seed, users, audit, attribute.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { Command, Option } from 'commander'
import { AppError } from '../platform/app-error'
import { registerAttributeCommands } from './attribute.command'

// Commands load their modules when they run, so `credence --help` starts in a blink.
const openRuntime: typeof import('./runtime').openRuntime = async (...args) =>
  (await import('./runtime')).openRuntime(...args)

const program = new Command()
  .name('credence')
  .description('Credence — the attribution-first partner platform')
  .showHelpAfterError()

const dataDirOption = new Option(
  '--data-dir <dir>',
  'embedded database folder (default ./.credence/data; ignored with DATABASE_URL)',
)

program
  .command('serve')
  .description('run the web app and API (and, on the embedded database, the background worker)')
  .addOption(dataDirOption)
  .option('--port <port>', 'port to listen on (default $PORT or 3000)')
  .option('--host <host>', 'address to bind (default $HOST or 127.0.0.1)')
  .option('--demo', 'seed the demo org on first start and print its logins')
  .action(async (options) => (await import('./serve')).runServer(options))

program
  .command('worker')
  .description(
    'run background jobs and event delivery (PostgreSQL only; the embedded database runs them in serve)',
  )
  .action(async () => (await import('./serve')).runWorker())

program
  .command('migrate')
  .description('apply database migrations')
  .addOption(dataDirOption)
  .action(async (options: { dataDir?: string }) => {
    const runtime = await openRuntime(options)
    console.log(`Migrated ${runtime.describe}`)
    await runtime.database.close()
  })

program
  .command('seed')
  .description('create the demo org (deterministic) unless it exists')
  .addOption(dataDirOption)
  .option('--seed <n>', 'random seed', (v) => Number.parseInt(v, 10))
  .action(async (options: { dataDir?: string; seed?: number }) => {
    const { seedDemo, demoLogins } = await import('./demo-seed')
    const runtime = await openRuntime(options)
    const result = await seedDemo(runtime.database, {
      secret: runtime.secret,
      ...(options.seed === undefined ? {} : { seed: options.seed }),
    })
    console.log(
      result ? `Seeded demo org: ${JSON.stringify(result)}` : 'The demo org already exists; nothing to do',
    )
    console.log(`Staff login: ${demoLogins.staff.email} / ${demoLogins.staff.password}`)
    console.log(`Partner login: ${demoLogins.partner.email} / ${demoLogins.partner.password}`)
    await runtime.database.close()
  })

// Module commands load the module registry. The CLI's own commands skip it and start fast. So does
// the root help, which lists the module command groups from a file the build writes.
const builtIn = new Set(['serve', 'worker', 'migrate', 'seed', 'audit', 'attribute'])
const word = process.argv[2]
const isRootHelp = word === undefined || word === '--help' || word === '-h' || word === 'help'
// beside the bundle (import.meta.dirname: the build leaves import.meta.url pointing at the sources)
const groupsFile = join(import.meta.dirname, 'module-commands.json')
if (word === '--module-command-groups') {
  const { moduleCommandGroups } = await import('./module-commands')
  process.stdout.write(`${JSON.stringify(moduleCommandGroups())}\n`)
  process.exit(0)
} else if (isRootHelp && existsSync(groupsFile)) {
  const groups: { name: string; description: string }[] = JSON.parse(readFileSync(groupsFile, 'utf8'))
  for (const group of groups) program.command(group.name).description(group.description)
} else if (!builtIn.has(word ?? '')) {
  const { registerModuleCommands } = await import('./module-commands')
  registerModuleCommands(program, dataDirOption, async (options) => {
    const runtime = await openRuntime(options)
    const [{ createModuleDeps }, { systemClock }] = await Promise.all([
      import('../http/deps'),
      import('../platform/clock'),
    ])
    const deps = createModuleDeps(runtime.database.db, {
      clock: systemClock,
      secret: runtime.secret,
      publicUrl: runtime.env.PUBLIC_URL ?? 'http://localhost:3000',
      isDevMail: !runtime.env.SMTP_URL,
      signInRateLimit: runtime.env.SIGN_IN_RATE_LIMIT,
      files: runtime.files,
    })
    return { deps, close: () => runtime.database.close() }
  })
}

// output piped into a program that stops reading early (| head) ends the command quietly
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0)
  throw error
})

const audit = program.command('audit').description('the hash-chained audit log')
audit
  .command('verify')
  .description('check every org chain (or one) and report the first broken link')
  .option('--org <slug>', 'only this org')
  .addOption(dataDirOption)
  .action(async (options: { org?: string; dataDir?: string }) => {
    const { verifyAuditChain } = await import('../platform/audit')
    const runtime = await openRuntime(options)
    try {
      const { rows } = await runtime.database.query<{ id: string; slug: string }>(
        'select id, slug from orgs order by slug',
      )
      const targets = options.org ? rows.filter((r) => r.slug === options.org) : rows
      if (options.org && targets.length === 0)
        throw new AppError('NOT_FOUND', `No org with slug ${options.org}`)
      let broken = 0
      for (const org of targets) {
        const verdict = await verifyAuditChain(runtime.database.db, org.id)
        if (verdict.ok) console.log(`✓ ${org.slug}: ${verdict.checked} entries, chain intact`)
        else {
          broken++
          console.log(
            `✗ ${org.slug}: broken at entry #${verdict.brokenAt.seq} (${verdict.brokenAt.id}): ${verdict.brokenAt.reason}; ${verdict.checked} entries before it verified`,
          )
        }
      }
      process.exitCode = broken > 0 ? 1 : 0
    } finally {
      await runtime.database.close()
    }
  })

registerAttributeCommands(program)

try {
  await program.parseAsync(process.argv)
} catch (error) {
  console.error(error instanceof AppError || error instanceof Error ? `credence: ${error.message}` : error)
  process.exitCode = process.exitCode || 1
}
