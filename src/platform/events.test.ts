import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createTestDb, type TestDb } from '../db/test-db'
import { fixedClock } from './clock'
import {
  type DomainEvent,
  defineEvents,
  EventBus,
  listEvents,
  pruneEvents,
  publish,
  subscribeTo,
} from './events'
import { type JobQueue, startJobQueue } from './jobs'
import { systemScope } from './scope'

const clock = fixedClock('2026-01-01T00:00:00Z')
const scope = systemScope('org_events')
const testEvents = defineEvents({
  'thing.happened': z.object({ n: z.number() }),
  'other.thing': z.object({ n: z.number().optional() }),
})

describe('events', () => {
  let testDb: TestDb
  let queue: JobQueue
  beforeAll(async () => {
    testDb = await createTestDb()
    queue = await startJobQueue(testDb.database)
  })
  afterAll(async () => {
    await queue?.stop({ graceful: false, wait: true })
    await testDb?.close()
  })

  let bus: EventBus
  let seen: DomainEvent[]
  let failNext: number
  let subscriber: string
  let round = 0
  beforeEach(() => {
    subscriber = `recorder_${++round}`
    seen = []
    failNext = 0
    bus = new EventBus(testDb.database, queue, clock)
    bus.subscribe(
      subscribeTo(testEvents, subscriber, ['thing.happened'], async (event, context) => {
        if (failNext > 0) {
          failNext--
          throw new Error('subscriber is down')
        }
        seen.push(event)
        if (event.payload.n === 7)
          await context.publish(testEvents.event('other.thing', event.entityId, { n: event.payload.n * 10 }))
      }),
    )
  })

  it('delivers a committed event to its subscriber once, in order', async () => {
    const { db } = testDb.database
    await db.transaction(async (tx) => {
      await publish(tx, scope, testEvents.event('thing.happened', 'a', { n: 1 }), clock)
      await publish(tx, scope, testEvents.event('thing.happened', 'b', { n: 2 }), clock)
      await publish(tx, scope, testEvents.event('other.thing', null, {}), clock)
    })
    expect(await bus.drain()).toBe(2)
    expect(seen.map((e) => e.payload.n)).toEqual([1, 2])
    expect(await bus.drain()).toBe(0)
    expect(seen).toHaveLength(2)
  })

  it('does not deliver an event whose transaction rolled back', async () => {
    const { db } = testDb.database
    await expect(
      db.transaction(async (tx) => {
        await publish(tx, scope, testEvents.event('thing.happened', null, { n: 3 }), clock)
        throw new Error('business rule failed')
      }),
    ).rejects.toThrow('business rule failed')
    await bus.drain()
    expect(seen).toEqual([])
  })

  it('ignores a redelivery of an event already handled', async () => {
    const { db } = testDb.database
    const id = await db.transaction((tx) =>
      publish(tx, scope, testEvents.event('thing.happened', null, { n: 4 }), clock),
    )
    await bus.drain()
    expect(await bus.deliver(subscriber, id)).toBe(false)
    expect(seen).toHaveLength(1)
  })

  it('keeps a failed delivery and retries it without losing the event', async () => {
    const { db } = testDb.database
    const id = await db.transaction((tx) =>
      publish(tx, scope, testEvents.event('thing.happened', null, { n: 5 }), clock),
    )
    failNext = 1
    await bus.drain()
    expect(seen).toEqual([])
    expect(await bus.deliver(subscriber, id)).toBe(true)
    expect(seen.map((e) => e.payload.n)).toEqual([5])
  })

  it('lets the rest of a worker’s batch through when one event keeps failing', async () => {
    const { db } = testDb.database
    // a subscriber that can never handle n = 13
    const poisoned = `poisoned_${round}`
    const handled: number[] = []
    const workerBus = new EventBus(testDb.database, queue, clock)
    workerBus.subscribe(
      subscribeTo(testEvents, poisoned, ['thing.happened'], async (event) => {
        if (event.payload.n === 13) throw new Error('cannot handle 13')
        handled.push(event.payload.n)
      }),
    )
    await db.transaction(async (tx) => {
      for (const n of [12, 13, 14])
        await publish(tx, scope, testEvents.event('thing.happened', null, { n }), clock)
    })
    const stop = await workerBus.start(50)
    try {
      for (let i = 0; i < 100 && handled.length < 2; i++)
        await new Promise((resolve) => setTimeout(resolve, 100))
    } finally {
      await stop()
    }
    expect(handled.sort()).toEqual([12, 14])
  })

  it('refuses to build an event whose payload does not match its declared schema', () => {
    expect(() => testEvents.event('thing.happened', null, { n: 'seven' as unknown as number })).toThrow()
  })

  it('gives a subscriber the org scope and lets it publish a follow-on event in its transaction', async () => {
    const { db } = testDb.database
    await db.transaction((tx) =>
      publish(tx, scope, testEvents.event('thing.happened', 'seven', { n: 7 }), clock),
    )
    await bus.drain()
    const followOn = (await listEvents(db, scope.orgId, 'other.thing')).filter((e) => e.entityId === 'seven')
    expect(followOn.map((e) => [e.payload.n, e.actor])).toEqual([[70, 'system:credence']])
  })

  it('relays a large burst in batches and delivers every event once', async () => {
    const { db } = testDb.database
    await db.transaction(async (tx) => {
      for (let n = 1000; n < 2200; n++)
        await publish(tx, scope, testEvents.event('thing.happened', null, { n }), clock)
    })
    expect(await bus.drain()).toBe(1200)
    expect(new Set(seen.map((e) => e.payload.n)).size).toBe(1200)
  })

  it('prunes delivered events and their delivery records after the retention period', async () => {
    const { db } = testDb.database
    await db.transaction((tx) =>
      publish(tx, scope, testEvents.event('thing.happened', 'old', { n: 8 }), clock),
    )
    await bus.drain()
    const kept = await pruneEvents(db, new Date(clock.now().getTime() - 1000))
    expect(kept).toEqual({ events: 0, deliveries: 0 })
    const pruned = await pruneEvents(db, new Date(clock.now().getTime() + 1000))
    expect(pruned.events).toBeGreaterThan(0)
    expect(pruned.deliveries).toBeGreaterThan(0)
    expect(await listEvents(db, scope.orgId)).toEqual([])
  })

  it('lists what an org published', async () => {
    const { db } = testDb.database
    await db.transaction((tx) => publish(tx, scope, testEvents.event('other.thing', null, {}), clock))
    const all = await listEvents(testDb.database.db, scope.orgId, 'other.thing')
    expect(all.length).toBeGreaterThan(0)
    expect(all.every((e) => e.type === 'other.thing')).toBe(true)
  })
})
