// Events: an outbox row written in the caller's transaction, relayed to subscribers through pg-boss.
// Delivery is at least once; each subscriber records the events it handled, so a redelivery is a no-op.
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lt, sql } from 'drizzle-orm'
import type { z } from 'zod'
import type { Database, Db } from '../db/client'
import type { Clock } from './clock'
import { type EventSignal, eventChannel } from './event-signal'
import { sha256Hex } from './hash'
import { platformIds } from './ids'
import type { JobQueue } from './jobs'
import { eventDeliveries, events } from './platform.tables'
import { actorLabel, type Scope, systemScope } from './scope'

export interface DomainEvent<Payload = Record<string, unknown>> {
  id: string
  orgId: string
  type: string
  entityId: string | null
  payload: Payload
  actor: string
  occurredAt: Date
}

declare const declared: unique symbol

/** An event built from a module's catalog: its payload was checked against the declared schema. */
export interface DeclaredEvent<Type extends string = string> {
  readonly type: Type
  readonly entityId: string | null
  readonly payload: Record<string, unknown>
  readonly [declared]: true
}

type Catalog = Record<string, z.ZodObject>

export interface EventCatalog<C extends Catalog> {
  readonly schemas: C
  readonly types: readonly (keyof C & string)[]
  /** Builds an event of a declared type; a payload that does not match its schema throws. */
  event<T extends keyof C & string>(
    type: T,
    entityId: string | null,
    payload: z.input<C[T]>,
  ): DeclaredEvent<T>
}

/**
 * A module declares the events it publishes, each with its payload schema, in `<module>.events.ts`.
 * Only declared events can be published, and subscribers receive typed payloads.
 */
export function defineEvents<const C extends Catalog>(schemas: C): EventCatalog<C> {
  return {
    schemas,
    types: Object.keys(schemas) as (keyof C & string)[],
    event(type, entityId, payload) {
      const parsed = schemas[type]!.parse(payload) as Record<string, unknown>
      return { type, entityId, payload: parsed } as DeclaredEvent<typeof type>
    },
  }
}

/** Writes the event to the outbox; it is delivered only if the surrounding transaction commits. */
export async function publish(tx: Db, scope: Scope, event: DeclaredEvent, clock: Clock): Promise<string> {
  const [id] = await publishAll(tx, scope, [event], clock)
  return id!
}

/** Writes events to the outbox in one insert, in their order; delivered only if the transaction commits. */
export async function publishAll(
  tx: Db,
  scope: Scope,
  list: readonly DeclaredEvent[],
  clock: Clock,
): Promise<string[]> {
  if (list.length === 0) return []
  const actor = actorLabel(scope.actor)
  const occurredAt = clock.now()
  const rows = list.map((event) => ({
    id: platformIds.event(),
    orgId: scope.orgId,
    type: event.type,
    entityId: event.entityId,
    payload: event.payload,
    actor,
    occurredAt,
  }))
  await tx.insert(events).values(rows)
  await signalOrgChanged(tx, scope.orgId)
  return rows.map((r) => r.id)
}

/**
 * Tells every instance listening (event-signal.ts) that the org's facts changed, at commit (nothing
 * if this rolls back): what it cached for the org is stale. `publish` does it with every event; a
 * change that publishes none (an org setting) calls it itself.
 */
export async function signalOrgChanged(tx: Db, orgId: string): Promise<void> {
  await tx.execute(sql`select pg_notify(${eventChannel}, ${orgId})`)
}

/** What a subscriber works with: the delivery's transaction, the clock, and the org's system scope. */
export interface SubscriberContext {
  tx: Db
  clock: Clock
  /** The org the event belongs to, acting as the system. */
  scope: Scope
  /** Publishes a follow-on event in the same transaction. */
  publish(event: DeclaredEvent): Promise<string>
  /**
   * Sends a background job once the delivery commits (never for a delivery that rolls back). Record
   * the work in a table in `tx` as well, so a job lost between commit and send can be found again.
   */
  sendJobAfterCommit(name: string, data: Record<string, unknown>): void
}

/**
 * A subscriber is level-triggered: it recomputes what it owns from the current facts, so a
 * duplicate, late or reordered event changes nothing (docs/adr/0004-level-triggered-subscribers.md).
 */
export interface Subscriber {
  /** Stable name: it keys the queue and the delivery records. */
  name: string
  types: readonly string[]
  /**
   * Of these orgs, the ones whose events it wants; absent: every org's. Asked once per relay batch,
   * so a subscriber that serves a few orgs (webhook endpoints) costs the others nothing.
   */
  forOrgs?(db: Db, orgIds: readonly string[]): Promise<ReadonlySet<string>>
  /** Runs inside a transaction with the delivery record; throwing rolls both back and retries later. */
  handle(event: DomainEvent, context: SubscriberContext): Promise<void>
  /**
   * Takes a worker's whole batch in one transaction instead (events of any orgs, not yet handled), for
   * a subscriber that only fans events out (webhook deliveries); `handle` still takes single ones.
   */
  handleMany?(events: readonly DomainEvent[], context: Pick<SubscriberContext, 'tx' | 'clock'>): Promise<void>
}

/** A subscriber to some of a catalog's events, with the payload typed by the catalog's schema. */
export function subscribeTo<C extends Catalog, const T extends keyof C & string>(
  catalog: EventCatalog<C>,
  name: string,
  types: readonly T[],
  handle: (event: DomainEvent<z.output<C[T]>> & { type: T }, context: SubscriberContext) => Promise<void>,
): Subscriber {
  return {
    name,
    types,
    handle: (event, context) => {
      // the payload is read through its schema, so a subscriber never sees a shape it was not promised
      const payload = catalog.schemas[event.type as T]!.parse(event.payload) as z.output<C[T]>
      return handle({ ...event, type: event.type as T, payload }, context)
    },
  }
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
      .select({ id: events.id, type: events.type, orgId: events.orgId })
      .from(events)
      .where(isNull(events.relayedAt))
      .orderBy(asc(events.id))
      .limit(batchSize)
    if (pending.length === 0) return 0
    const orgIds = [...new Set(pending.map((e) => e.orgId))]
    const wanted = new Map<string, ReadonlySet<string>>()
    for (const sub of this.subscribers.values())
      if (sub.forOrgs) wanted.set(sub.name, await sub.forOrgs(db, orgIds))
    // one insert for the whole batch; deterministic job ids make a repeated relay insert nothing
    const jobs = pending.flatMap((event) =>
      [...this.subscribers.values()]
        .filter((sub) => sub.types.includes(event.type) && (wanted.get(sub.name)?.has(event.orgId) ?? true))
        .map((sub) => ({
          name: queueName(sub.name),
          data: { eventId: event.id },
          id: deliveryJobId(sub.name, event.id),
        })),
    )
    if (jobs.length > 0) await this.queue.insert(jobs)
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
    const jobs: { name: string; data: Record<string, unknown> }[] = []
    const delivered = await this.database.db.transaction(async (tx) => {
      const [row] = await tx.select().from(events).where(eq(events.id, eventId))
      if (!row) return false
      const inserted = await tx
        .insert(eventDeliveries)
        .values({ subscriber: sub.name, eventId, orgId: row.orgId, deliveredAt: this.clock.now() })
        .onConflictDoNothing()
        .returning({ eventId: eventDeliveries.eventId })
      if (inserted.length === 0) return false
      const context: SubscriberContext = {
        tx,
        clock: this.clock,
        scope: systemScope(row.orgId),
        publish: (event) => publish(tx, systemScope(row.orgId), event, this.clock),
        sendJobAfterCommit: (name, data) => {
          jobs.push({ name, data })
        },
      }
      await sub.handle({ ...row, payload: row.payload as Record<string, unknown> }, context)
      return true
    })
    for (const job of jobs) {
      // the work is recorded in the committed transaction; a sweep finds it if this send is lost
      await this.queue.send(job.name, job.data).catch((error: Error) => {
        console.error(`[events] could not send job ${job.name}: ${error.message}`)
      })
    }
    return delivered
  }

  /** Hands a batch of events to a subscriber with `handleMany`, each once, in one transaction. */
  async deliverMany(subscriberName: string, eventIds: readonly string[]): Promise<number> {
    const sub = this.subscribers.get(subscriberName)
    if (!sub?.handleMany) throw new Error(`No subscriber ${subscriberName} that handles batches`)
    const handleMany = sub.handleMany.bind(sub)
    return this.database.db.transaction(async (tx) => {
      const rows = await tx
        .select()
        .from(events)
        .where(inArray(events.id, [...eventIds]))
      if (rows.length === 0) return 0
      const now = this.clock.now()
      const inserted = await tx
        .insert(eventDeliveries)
        .values(
          rows.map((row) => ({ subscriber: sub.name, eventId: row.id, orgId: row.orgId, deliveredAt: now })),
        )
        .onConflictDoNothing()
        .returning({ eventId: eventDeliveries.eventId })
      const fresh = new Set(inserted.map((r) => r.eventId))
      const batch = rows
        .filter((row) => fresh.has(row.id))
        .sort((a, b) => (a.id < b.id ? -1 : 1))
        .map((row) => ({ ...row, payload: row.payload as Record<string, unknown> }))
      if (batch.length > 0) await handleMany(batch, { tx, clock: this.clock })
      return batch.length
    })
  }

  /**
   * Starts background workers: one pg-boss worker per subscriber, and the relay on an interval and
   * at once whenever the signal says an event was committed (then the workers are woken too).
   */
  async start(relayEveryMs = 250, signal?: EventSignal): Promise<() => Promise<void>> {
    await this.ensureQueues()
    const workerIds: string[] = []
    for (const name of this.subscribers.keys()) {
      const workerId = await this.queue.work<{ eventId: string }>(
        queueName(name),
        // a worker waits out the interval after each fetch: a batch per fetch is what lets a busy
        // subscriber keep up (one job a fetch is two events a second)
        { pollingIntervalSeconds: 0.5, batchSize: 500 },
        async (jobs) => {
          if (this.subscribers.get(name)?.handleMany) {
            await this.deliverMany(
              name,
              jobs.map((job) => job.data.eventId),
            )
            return
          }
          // an event that fails fails its own job (retried later); the rest of the batch goes on
          for (const job of jobs)
            await this.deliver(name, job.data.eventId).catch((error: Error) =>
              this.queue.fail(queueName(name), job.id, { message: error.message }),
            )
        },
      )
      workerIds.push(workerId)
    }
    let stopped = false
    let running = Promise.resolve()
    let isQueued = false
    const relaySoon = () => {
      // a burst of notifications makes one more relay, not one each
      if (stopped || isQueued) return
      isQueued = true
      running = running
        .then(async () => {
          isQueued = false
          if ((await this.relay()) > 0) for (const id of workerIds) this.queue.notifyWorker(id)
        })
        .catch((error: Error) => {
          console.error('[events] relay failed:', error.message)
        })
    }
    const timer = setInterval(relaySoon, relayEveryMs)
    const stopListening = signal?.onAny(relaySoon)
    return async () => {
      stopped = true
      clearInterval(timer)
      stopListening?.()
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
        if (this.subscribers.get(name)?.handleMany && jobs.length > 0) {
          const ids = jobs.map((job) => job.id)
          try {
            delivered += await this.deliverMany(
              name,
              jobs.map((job) => job.data.eventId),
            )
            await this.queue.complete(queueName(name), ids)
          } catch (error) {
            for (const id of ids)
              await this.queue.fail(queueName(name), id, { message: (error as Error).message })
          }
          continue
        }
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

/** How long relayed events and their delivery records are kept. */
export const eventRetentionDays = 30

/**
 * Deletes delivery records and relayed events older than the cutoff. Subscribers are level-triggered
 * and work from current facts, so nothing needs an event once it has been delivered.
 */
export async function pruneEvents(db: Db, cutoff: Date): Promise<{ events: number; deliveries: number }> {
  const deliveries = await db
    .delete(eventDeliveries)
    .where(lt(eventDeliveries.deliveredAt, cutoff))
    .returning({ eventId: eventDeliveries.eventId })
  const pruned = await db
    .delete(events)
    .where(and(isNotNull(events.relayedAt), lt(events.relayedAt, cutoff)))
    .returning({ id: events.id })
  return { events: pruned.length, deliveries: deliveries.length }
}

/** An org's events of these types published after an event id (time-ordered ids), oldest first. */
export async function listEventsAfter(
  db: Db,
  orgId: string,
  types: readonly string[],
  afterId: string | null,
  limit = 200,
): Promise<DomainEvent[]> {
  const rows = await db
    .select()
    .from(events)
    .where(
      and(
        eq(events.orgId, orgId),
        inArray(events.type, [...types]),
        afterId ? gt(events.id, afterId) : undefined,
      ),
    )
    .orderBy(asc(events.id))
    .limit(limit)
  return rows.map((r) => ({ ...r, payload: r.payload as Record<string, unknown> }))
}

/** The newest event id of an org (a stream starts after it), or null. */
export async function latestEventId(db: Db, orgId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: events.id })
    .from(events)
    .where(eq(events.orgId, orgId))
    .orderBy(desc(events.id))
    .limit(1)
  return row?.id ?? null
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
