// `credence serve` and `credence worker`: the HTTP server, and the background work both may run.
import { createTransport } from 'nodemailer'
import { buildApp } from '../http/build-app'
import { createModuleDeps } from '../http/deps'
import { mailBrand } from '../modules/identity'
import { modules } from '../modules/registry'
import { systemClock } from '../platform/clock'
import { type EventSignal, listenForEvents } from '../platform/event-signal'
import { EventBus, eventRetentionDays, pruneEvents } from '../platform/events'
import { startJobQueue } from '../platform/jobs'
import { sendPendingMail } from '../platform/mail'
import type { ModuleDeps, ModuleLoop } from '../platform/module'
import { demoLogins, seedDemo } from './demo-seed'
import { openRuntime, type Runtime } from './runtime'

const pruneEventsJob = 'platform.prune-events'

/** Webhooks may go to internal addresses when the env says so, or in the local demo unless it says not. */
const allowsPrivateTargets = (runtime: Runtime, isDemo: boolean) =>
  runtime.env.WEBHOOK_ALLOW_PRIVATE_TARGETS === 'true' ||
  (isDemo && runtime.env.WEBHOOK_ALLOW_PRIVATE_TARGETS !== 'false')

/** Single sign-on may use a local http provider when the env says so, or in the local demo unless it says not. */
const allowsInsecureIssuers = (runtime: Runtime, isDemo: boolean) =>
  runtime.env.SSO_ALLOW_INSECURE_ISSUERS === 'true' ||
  (isDemo && runtime.env.SSO_ALLOW_INSECURE_ISSUERS !== 'false')

/** The settings every module receives, from the environment and the command line. */
function depsFor(runtime: Runtime, publicUrl: string, eventSignal: EventSignal, isDemo = false): ModuleDeps {
  return createModuleDeps(runtime.database.db, {
    allowPrivateWebhookTargets: allowsPrivateTargets(runtime, isDemo),
    allowInsecureSsoIssuers: allowsInsecureIssuers(runtime, isDemo),
    eventSignal,
    clock: systemClock,
    secret: runtime.secret,
    publicUrl,
    isDevMail: !runtime.env.SMTP_URL,
    signInRateLimit: runtime.env.SIGN_IN_RATE_LIMIT,
    files: runtime.files,
    ...(runtime.env.STRIPE_SECRET_KEY
      ? {
          stripe: {
            apiKey: runtime.env.STRIPE_SECRET_KEY,
            ...(runtime.env.STRIPE_API_URL ? { url: runtime.env.STRIPE_API_URL } : {}),
          },
        }
      : {}),
  })
}

/**
 * Every module's subscribers and scheduled jobs, event relay and delivery, event pruning, and
 * outgoing mail when SMTP is configured. Returns a stop function.
 */
async function startBackgroundWork(runtime: Runtime, deps: ModuleDeps): Promise<() => Promise<void>> {
  const queue = await startJobQueue(runtime.database, { supervise: true })
  const bus = new EventBus(runtime.database, queue, systemClock)
  for (const module of modules)
    for (const subscriber of module.subscribers?.(deps) ?? []) bus.subscribe(subscriber)
  const jobs = modules.flatMap((module) => module.jobs ?? [])
  for (const job of jobs) {
    await queue.createQueue(
      job.name,
      job.retry
        ? {
            name: job.name,
            retryLimit: job.retry.limit,
            retryDelay: job.retry.delaySeconds,
            retryBackoff: true,
          }
        : undefined,
    )
    if (job.cron) await queue.schedule(job.name, job.cron)
    await queue.work<Record<string, unknown>>(job.name, async ([item]) => job.run(deps, item?.data ?? {}))
  }
  await queue.createQueue(pruneEventsJob)
  await queue.schedule(pruneEventsJob, '17 3 * * *')
  await queue.work(pruneEventsJob, async () => {
    await pruneEvents(runtime.database.db, new Date(Date.now() - eventRetentionDays * 86_400_000))
  })
  const stopBus = await bus.start(250, deps.eventSignal)
  const stopLoops = modules.flatMap((module) => module.loops ?? []).map((loop) => startLoop(loop, deps))
  let mailTimer: NodeJS.Timeout | undefined
  if (runtime.env.SMTP_URL) {
    const transport = createTransport(runtime.env.SMTP_URL)
    let sending = false
    mailTimer = setInterval(() => {
      if (sending) return
      sending = true
      sendPendingMail(runtime.database.db, transport, runtime.env.MAIL_FROM, systemClock, (orgId) =>
        mailBrand(runtime.database.db, orgId, deps.publicUrl),
      )
        .catch((error: Error) => console.error('[mail]', error.message))
        .finally(() => {
          sending = false
        })
    }, 2000)
  }
  return async () => {
    if (mailTimer) clearInterval(mailTimer)
    for (const stopLoop of stopLoops) await stopLoop()
    await stopBus()
    await queue.stop({ graceful: true, wait: true, timeout: 5000 })
  }
}

/** Runs a module's loop on its interval, one run at a time. */
function startLoop(loop: ModuleLoop, deps: ModuleDeps): () => Promise<void> {
  let isRunning = false
  let running = Promise.resolve()
  const timer = setInterval(() => {
    if (isRunning) return
    isRunning = true
    running = loop
      .run(deps)
      .catch((error: Error) => console.error(`[${loop.name}]`, error.message))
      .finally(() => {
        isRunning = false
      })
  }, loop.everyMs)
  return async () => {
    clearInterval(timer)
    await running
  }
}

function onShutdown(stop: () => Promise<void>) {
  let stopping = false
  const handler = () => {
    if (stopping) return
    stopping = true
    stop()
      .catch((error: Error) => console.error(error.message))
      .finally(() => process.exit(0))
  }
  process.on('SIGINT', handler)
  process.on('SIGTERM', handler)
}

export async function runServer(options: { dataDir?: string; port?: string; host?: string; demo?: boolean }) {
  const runtime = await openRuntime(options)
  const { env } = runtime
  if (options.demo) {
    const seeded = await seedDemo(runtime.database, { secret: runtime.secret })
    if (seeded)
      console.log(
        `Seeded the demo org: ${seeded.partners} partners, ${seeded.deals} deals, ${seeded.touchpoints} touches`,
      )
  }
  const port = options.port ? Number.parseInt(options.port, 10) : env.PORT
  const host = options.host ?? env.HOST
  const publicUrl = env.PUBLIC_URL ?? `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`
  const eventSignal = await listenForEvents(runtime.database)
  const deps = depsFor(runtime, publicUrl, eventSignal, options.demo)
  const app = await buildApp({
    database: runtime.database,
    allowPrivateWebhookTargets: allowsPrivateTargets(runtime, options.demo ?? false),
    allowInsecureSsoIssuers: allowsInsecureIssuers(runtime, options.demo ?? false),
    eventSignal,
    clock: systemClock,
    secret: runtime.secret,
    publicUrl,
    isDevMail: !env.SMTP_URL,
    trustProxy: env.TRUST_PROXY,
    signInRateLimit: env.SIGN_IN_RATE_LIMIT,
    files: runtime.files,
    logLevel: env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL,
  })
  // serve also does the background work; on the embedded database it must, as one process owns the data
  const stopBackground = await startBackgroundWork(runtime, deps)
  const address = await app.listen({ port, host })
  console.log(`Credence listening on ${address.replace('[::1]', 'localhost')} (${runtime.describe})`)
  console.log(`API reference: ${address}/docs`)
  if (options.demo) {
    console.log(`Staff login:   ${demoLogins.staff.email} / ${demoLogins.staff.password}`)
    console.log(`Partner login: ${demoLogins.partner.email} / ${demoLogins.partner.password}`)
  }
  onShutdown(async () => {
    await app.close()
    await stopBackground()
    await eventSignal.close()
    await runtime.database.close()
  })
}

export async function runWorker() {
  const runtime = await openRuntime()
  if (!runtime.env.DATABASE_URL) {
    throw new Error(
      'The worker needs PostgreSQL (DATABASE_URL); on the embedded database `credence serve` runs the background work',
    )
  }
  const eventSignal = await listenForEvents(runtime.database)
  const stop = await startBackgroundWork(
    runtime,
    depsFor(runtime, runtime.env.PUBLIC_URL ?? 'http://localhost:3000', eventSignal),
  )
  console.log(`Credence worker running on ${runtime.describe}`)
  onShutdown(async () => {
    await stop()
    await eventSignal.close()
    await runtime.database.close()
  })
}
