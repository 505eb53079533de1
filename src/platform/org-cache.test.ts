import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createTestDb, type TestDb } from '../db/test-db'
import { fixedClock } from './clock'
import type { EventSignal } from './event-signal'
import { defineEvents, publish } from './events'
import { createOrgCache } from './org-cache'
import { systemScope } from './scope'

const testEvents = defineEvents({ 'thing.changed': z.object({}) })

describe('org cache', () => {
  let testDb: TestDb
  const notified: ((orgId: string) => void)[] = []
  const signal: EventSignal = {
    complete: false,
    wait: async () => {},
    onAny: (callback) => {
      notified.push(callback)
      return () => {}
    },
    close: async () => {},
  }
  beforeAll(async () => {
    testDb = await createTestDb()
  })
  afterAll(async () => testDb?.close())

  it('serves a result until the org publishes an event or is notified of one, per org and key', async () => {
    const { db } = testDb.database
    const cache = createOrgCache<number>(db, signal)
    let computed = 0
    const read = (orgId: string, key = 'k') => cache.get(orgId, key, async () => ++computed)
    expect(await read('org_a')).toBe(1)
    expect(await read('org_a')).toBe(1)
    expect(await read('org_b')).toBe(2)
    expect(await read('org_a', 'other')).toBe(3)

    await db.transaction((tx) =>
      publish(
        tx,
        systemScope('org_a'),
        testEvents.event('thing.changed', null, {}),
        fixedClock('2026-01-01T00:00:00Z'),
      ),
    )
    expect(await read('org_a')).toBe(4)
    expect(await read('org_b')).toBe(2)

    // an event committed late under an earlier id shows only through its notification
    for (const callback of notified) callback('org_b')
    expect(await read('org_b')).toBe(5)
    expect(await read('org_b')).toBe(5)
  })

  it('shares one computation among readers of a cold entry, and forgets a failed one', async () => {
    const cache = createOrgCache<number>(testDb.database.db, signal)
    let computed = 0
    const slow = () => new Promise<number>((resolve) => setTimeout(() => resolve(++computed), 20))
    const results = await Promise.all(Array.from({ length: 5 }, () => cache.get('org_c', 'k', slow)))
    expect(results).toEqual([1, 1, 1, 1, 1])
    await expect(cache.get('org_d', 'k', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom')
    expect(await cache.get('org_d', 'k', async () => 7)).toBe(7)
  })

  it('reads no event id when every notification arrives (the embedded database), and still goes stale on one', async () => {
    const listeners: ((orgId: string) => void)[] = []
    const complete: EventSignal = {
      ...signal,
      complete: true,
      onAny: (callback) => {
        listeners.push(callback)
        return () => {}
      },
    }
    // a database that must not be asked
    const untouchable = new Proxy(
      {},
      {
        get: () => {
          throw new Error('the cache read the database')
        },
      },
    )
    const cache = createOrgCache<number>(untouchable as never, complete)
    let computed = 0
    const read = () => cache.get('org_e', 'k', async () => ++computed)
    expect(await read()).toBe(1)
    expect(await read()).toBe(1)
    for (const callback of listeners) callback('org_e')
    expect(await read()).toBe(2)
  })
})
