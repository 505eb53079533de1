// The `credence` command: serve, worker, migrate, seed, users, audit, attribute.
import { Command, Option } from 'commander'
import type { Role } from '../modules/identity'
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
    const result = await seedDemo(runtime.database, options.seed === undefined ? {} : { seed: options.seed })
    console.log(
      result ? `Seeded demo org: ${JSON.stringify(result)}` : 'The demo org already exists; nothing to do',
    )
    console.log(`Staff login: ${demoLogins.staff.email} / ${demoLogins.staff.password}`)
    console.log(`Partner login: ${demoLogins.partner.email} / ${demoLogins.partner.password}`)
    await runtime.database.close()
  })

const users = program.command('users').description('manage users')
users
  .command('create')
  .description(
    'create a user with a password; with --org-name, creates the org first (the first owner of a new install)',
  )
  .requiredOption('--org <slug>', 'org slug')
  .option('--org-name <name>', 'create the org with this name when it does not exist')
  .requiredOption('--email <email>')
  .requiredOption('--name <name>')
  .requiredOption('--password <password>', 'at least 10 characters')
  .addOption(new Option('--role <role>', 'a staff or partner role').default('owner'))
  .option('--partner <id>', 'partner id, for partner roles')
  .addOption(dataDirOption)
  .action(
    async (options: {
      org: string
      orgName?: string
      email: string
      name: string
      password: string
      role: Role
      partner?: string
      dataDir?: string
    }) => {
      const { createOrg, createUser, findOrgBySlug, roles } = await import('../modules/identity')
      if (!roles.includes(options.role))
        throw new AppError('BAD_REQUEST', `--role: must be one of ${roles.join(', ')}`)
      const { findPartnerName } = await import('../modules/partners')
      const { systemClock } = await import('../platform/clock')
      const runtime = await openRuntime(options)
      try {
        const { db } = runtime.database
        const org =
          (await findOrgBySlug(db, options.org)) ??
          (options.orgName
            ? await createOrg(db, { name: options.orgName, slug: options.org }, systemClock)
            : null)
        if (!org)
          throw new AppError('NOT_FOUND', `No org with slug ${options.org}; pass --org-name to create it`)
        const user = await createUser(
          runtime.database.db,
          { orgId: org.id, actor: { type: 'system', id: 'cli', role: 'owner' } },
          {
            email: options.email,
            name: options.name,
            password: options.password,
            role: options.role,
            partnerId: options.partner ?? null,
          },
          {
            clock: systemClock,
            partners: { findPartner: (orgId, id) => findPartnerName(runtime.database.db, orgId, id) },
          },
        )
        console.log(`Created ${user.role} ${user.email} (${user.id})`)
      } finally {
        await runtime.database.close()
      }
    },
  )

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
