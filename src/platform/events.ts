// Events: an outbox row written in the caller's transaction, relayed to subscribers through pg-boss.
// Delivery is at least once; each subscriber records the events it handled, so a redelivery is a no-op.
import { and, asc, eq, inArray, isNull } from 'drizzle-orm'
import type { Database, Db } from '../db/client'
import type { Clock } from './clock'
import { sha256Hex } from './hash'
import { newId } from './ids'
import type { JobQueue } from './jobs'
import { eventDeliveries, events } from './platform.tables'
import { actorLabel, type Scope } from './scope'

export interface DomainEvent<Payload = Record<string, unknown>> {
  id: string
  orgId: string
  type: string
  entityId: string | null
  payload: Payload
  actor: string
  occurredAt: Date
}

export interface NewEvent {
  type: string
  entityId?: string
  payload: Record<string, unknown>
}

/** Writes the event to the outbox; it is delivered only if the surrounding transaction commits. */
export async function publish(tx: Db, scope: Scope, event: NewEvent, clock: Clock): Promise<string> {
  const id = newId('event')
  await tx.insert(events).values({
    id,
    orgId: scope.orgId,
    type: event.type,
    entityId: event.entityId ?? null,
    payload: event.payload,
    actor: actorLabel(scope.actor),
    occurredAt: clock.now(),
  })
  return id
}

export interface Subscriber {
  /** Stable name: it keys the queue and the delivery records. */
  name: string
  types: readonly string[]
  /** Runs inside a transaction with the delivery record; throwing rolls both back and retries later. */
  handle(event: DomainEvent, tx: Db): Promise<void>
}

const queueName = (subscriber: string) => `event.${subscriber}`

/** A job id derived from (subscriber, event): sending the same delivery twice inserts one job. */
function deliveryJobId(subscriber: string, eventId: string): string {
  const h = sha256Hex(`${subscriber}:${eventId}`)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`
}

export class EventBus {
  private readonly subscribers = new Map<string, Subscriber>()
  private started = false

  constructor(
    private readonly database: Database,
    private readonly queue: JobQueue,
    private readonly clock: Clock,
  ) {}

  /** Registers a subscriber; all are registered at startup, before start() or drain(). */
  subscribe(subscriber: Subscriber): void {
    if (this.subscribers.has(subscriber.name))
      throw new Error(`Subscriber ${subscriber.name} is already registered`)
    this.subscribers.set(subscriber.name, subscriber)
  }

  private async ensureQueues(): Promise<void> {
    if (this.started) return
    for (const name of this.subscribers.keys()) {
      await this.queue.createQueue(queueName(name), {
        name: queueName(name),
        retryLimit: 10,
        retryBackoff: true,
      })
    }
    this.started = true
  }

  /** Moves pending outbox rows into subscriber queues; returns how many events it relayed. */
  async relay(batchSize = 500): Promise<number> {
    await this.ensureQueues()
    const { db } = this.database
    const pending = await db
      .select({ id: events.id, type: events.type })
      .from(events)
      .where(isNull(events.relayedAt))
      .orderBy(asc(events.id))
      .limit(batchSize)
    if (pending.length === 0) return 0
    for (const event of pending) {
      for (const sub of this.subscribers.values()) {
        if (!sub.types.includes(event.type)) continue
        await this.queue.send(
          queueName(sub.name),
          { eventId: event.id },
          { id: deliveryJobId(sub.name, event.id) },
        )
      }
    }
    await db
      .update(events)
      .set({ relayedAt: this.clock.now() })
      .where(
        inArray(
          events.id,
          pending.map((e) => e.id),
        ),
      )
    return pending.length
  }

  /** Hands one event to one subscriber, once: returns false when it had already been handled. */
  async deliver(subscriberName: string, eventId: string): Promise<boolean> {
    const sub = this.subscribers.get(subscriberName)
    if (!sub) throw new Error(`No subscriber ${subscriberName}`)
    return this.database.db.transaction(async (tx) => {
      const [row] = await tx.select().from(events).where(eq(events.id, eventId))
      if (!row) return false
      const inserted = await tx
        .insert(eventDeliveries)
        .values({ subscriber: sub.name, eventId, orgId: row.orgId, deliveredAt: this.clock.now() })
        .onConflictDoNothing()
        .returning({ eventId: eventDeliveries.eventId })
      if (inserted.length === 0) return false
      await sub.handle({ ...row, payload: row.payload as Record<string, unknown> }, tx)
      return true
    })
  }

  /** Starts background workers: relay on an interval, one pg-boss worker per subscriber. */
  async start(relayEveryMs = 250): Promise<() => Promise<void>> {
    await this.ensureQueues()
    for (const name of this.subscribers.keys()) {
      await this.queue.work<{ eventId: string }>(
        queueName(name),
        { pollingIntervalSeconds: 0.5 },
        async (jobs) => {
          for (const job of jobs) await this.deliver(name, job.data.eventId)
        },
      )
    }
    let stopped = false
    let running = Promise.resolve()
    const timer = setInterval(() => {
      if (stopped) return
      running = running
        .then(() => this.relay().then(() => undefined))
        .catch((error: Error) => {
          console.error('[events] relay failed:', error.message)
        })
    }, relayEveryMs)
    return async () => {
      stopped = true
      clearInterval(timer)
      await running
      for (const name of this.subscribers.keys()) await this.queue.offWork(queueName(name))
    }
  }

  /**
   * Runs everything pending to completion, in event order, in this process: for tests and the CLI.
   * Returns the number of deliveries made.
   */
  async drain(): Promise<number> {
    let delivered = 0
    for (;;) {
      await this.relay()
      let fetched = 0
      for (const name of [...this.subscribers.keys()].sort()) {
        const jobs = await this.queue.fetch<{ eventId: string }>(queueName(name), { batchSize: 1000 })
        fetched += jobs.length
        jobs.sort((a, b) => (a.data.eventId < b.data.eventId ? -1 : 1))
        for (const job of jobs) {
          try {
            if (await this.deliver(name, job.data.eventId)) delivered++
            await this.queue.complete(queueName(name), job.id)
          } catch (error) {
            await this.queue.fail(queueName(name), job.id, { message: (error as Error).message })
          }
        }
      }
      const [left] = await this.database.db
        .select({ id: events.id })
        .from(events)
        .where(isNull(events.relayedAt))
        .limit(1)
      if (fetched === 0 && !left) return delivered
    }
  }
}

/** The events an org published, oldest first; for tests and diagnostics. */
export async function listEvents(db: Db, orgId: string, type?: string): Promise<DomainEvent[]> {
  const rows = await db
    .select()
    .from(events)
    .where(type ? and(eq(events.orgId, orgId), eq(events.type, type)) : eq(events.orgId, orgId))
    .orderBy(asc(events.id))
  return rows.map((r) => ({ ...r, payload: r.payload as Record<string, unknown> }))
}
