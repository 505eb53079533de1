// Webhook fan-out, on the embedded database and on PostgreSQL: an org with one endpoint subscribed to
// partner.changed, N events published at once (BENCH_WEBHOOK_EVENTS, 5000), and the worker's own path
// in this process — the event bus relaying the outbox to the webhook subscriber (one delivery per event)
// and the delivery loop POSTing each, signed, to a local receiver (keep-alive, 2xx). Timed: from the
// commit of the events to the last one received; target 1,000 events a second.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { migrateDatabase, type OpenOptions, openDatabase } from '../src/db/client'
import { createOrg } from '../src/modules/identity'
import { integrationsModule } from '../src/modules/integrations'
import { createEndpoint } from '../src/modules/integrations/webhooks/webhooks.service'
import { partnerEvents } from '../src/modules/partners'
import { systemClock } from '../src/platform/clock'
import { EventBus, publishAll } from '../src/platform/events'
import { startJobQueue } from '../src/platform/jobs'
import { systemScope } from '../src/platform/scope'
import { onEachDatabase } from './databases'
import { peakRssMb } from './timing'

const targetPerSecond = 1000
const appSecret = 'bench-secret-bench-secret-bench-secret'

async function measure(open: OpenOptions, label: string, count: number) {
  let received = 0
  let resolveAll: () => void = () => {}
  const allReceived = new Promise<void>((resolve) => {
    resolveAll = resolve
  })
  const receiver = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      res.writeHead(200).end('ok')
      if (++received === count) resolveAll()
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`
  const database = await openDatabase(open)
  const queue = await startJobQueue(database)
  let stopBus: (() => Promise<void>) | undefined
  let looping = true
  try {
    await migrateDatabase(database)
    const org = await createOrg(database.db, { name: 'Webhook bench', slug: 'webhook-bench' }, systemClock)
    const scope = systemScope(org.id)
    const deps = { clock: systemClock, secret: appSecret, allowPrivateTargets: true }
    const owner = { ...scope, actor: { ...scope.actor, role: 'owner' as const } }
    await createEndpoint(database.db, owner, { url, eventTypes: ['partner.changed'] }, deps)
    const moduleDeps = {
      db: database.db,
      clock: systemClock,
      secret: appSecret,
      allowPrivateWebhookTargets: true,
    }
    const bus = new EventBus(database, queue, systemClock)
    for (const subscriber of integrationsModule.subscribers?.(moduleDeps as never) ?? [])
      bus.subscribe(subscriber)
    stopBus = await bus.start(250)
    const loop = integrationsModule.loops![0]!
    const running = (async () => {
      while (looping) {
        await loop.run(moduleDeps as never)
        await new Promise((resolve) => setTimeout(resolve, loop.everyMs))
      }
    })()
    const events = Array.from({ length: count }, (_, i) =>
      partnerEvents.event('partner.changed', `prt_bench_${i}`, {
        partnerId: `prt_bench_${i}`,
        fields: ['name'],
      }),
    )
    const started = performance.now()
    const progress = process.env.BENCH_DEBUG
      ? setInterval(async () => {
          const counts = await database.query<{ made: number; sent: number; relayed: number }>(
            `select (select count(*)::int from webhook_deliveries) as made,
                    (select count(*)::int from webhook_deliveries where status = 'delivered') as sent,
                    (select count(*)::int from events where relayed_at is not null) as relayed`,
          )
          console.error(Math.round(performance.now() - started), 'received', received, counts.rows[0])
        }, 500)
      : undefined
    await database.db.transaction((tx) => publishAll(tx, scope, events, systemClock))
    await allReceived
    clearInterval(progress)
    const seconds = (performance.now() - started) / 1000
    looping = false
    await running
    return {
      run: `${count} events to one endpoint, outbox → subscriber → signed POST, ${label}`,
      seconds: Math.round(seconds * 10) / 10,
      eventsPerSecond: Math.round(count / seconds),
      targetPerSecond,
      isWithinTarget: count / seconds >= targetPerSecond,
      peakMb: peakRssMb(),
    }
  } finally {
    looping = false
    await stopBus?.()
    await queue.stop({ graceful: false, wait: true })
    await database.close()
    await new Promise((resolve) => receiver.close(resolve))
  }
}

export async function runWebhooksBench() {
  const count = Number(process.env.BENCH_WEBHOOK_EVENTS ?? 5000)
  return onEachDatabase('webhooks', (open, label) => measure(open, label, count))
}
