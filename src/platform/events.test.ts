import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb } from '../db/test-db'
import { fixedClock } from './clock'
import { type DomainEvent, EventBus, listEvents, publish } from './events'
import { type JobQueue, startJobQueue } from './jobs'
import { systemScope } from './scope'

const clock = fixedClock('2026-01-01T00:00:00Z')
const scope = systemScope('org_events')

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
    bus.subscribe({
      name: subscriber,
      types: ['thing.happened'],
      async handle(event) {
        if (failNext > 0) {
          failNext--
          throw new Error('subscriber is down')
        }
        seen.push(event)
      },
    })
  })

  it('delivers a committed event to its subscriber once, in order', async () => {
    const { db } = testDb.database
    await db.transaction(async (tx) => {
      await publish(tx, scope, { type: 'thing.happened', entityId: 'a', payload: { n: 1 } }, clock)
      await publish(tx, scope, { type: 'thing.happened', entityId: 'b', payload: { n: 2 } }, clock)
      await publish(tx, scope, { type: 'other.thing', payload: {} }, clock)
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
        await publish(tx, scope, { type: 'thing.happened', payload: { n: 3 } }, clock)
        throw new Error('business rule failed')
      }),
    ).rejects.toThrow('business rule failed')
    await bus.drain()
    expect(seen).toEqual([])
  })

  it('ignores a redelivery of an event already handled', async () => {
    const { db } = testDb.database
    const id = await db.transaction((tx) =>
      publish(tx, scope, { type: 'thing.happened', payload: { n: 4 } }, clock),
    )
    await bus.drain()
    expect(await bus.deliver(subscriber, id)).toBe(false)
    expect(seen).toHaveLength(1)
  })

  it('keeps a failed delivery and retries it without losing the event', async () => {
    const { db } = testDb.database
    const id = await db.transaction((tx) =>
      publish(tx, scope, { type: 'thing.happened', payload: { n: 5 } }, clock),
    )
    failNext = 1
    await bus.drain()
    expect(seen).toEqual([])
    expect(await bus.deliver(subscriber, id)).toBe(true)
    expect(seen.map((e) => e.payload.n)).toEqual([5])
  })

  it('lists what an org published', async () => {
    const all = await listEvents(testDb.database.db, scope.orgId, 'other.thing')
    expect(all.length).toBeGreaterThan(0)
    expect(all.every((e) => e.type === 'other.thing')).toBe(true)
  })
})
