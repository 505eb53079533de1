// A wake-up call when events are committed: `publish` notifies the `credence_events` channel with the
// org's id (PostgreSQL delivers it at commit, to every server instance listening), so the relay and
// the live streams act at once instead of on their next poll. Polling stays as the fallback: a lost
// notification delays, never loses, an event.
import pg from 'pg'
import type { Database } from '../db/client'

export const eventChannel = 'credence_events'

export interface EventSignal {
  /**
   * Every commit that signals reaches this listener (the embedded database: one process, which
   * PGlite tells of each notification), so a cache need not also look for events it missed.
   */
  readonly complete: boolean
  /** Resolves when the org commits an event, or after `timeoutMs`, whichever comes first. */
  wait(orgId: string, timeoutMs: number): Promise<void>
  /** Calls back on every notification, with the org's id; returns the way to stop. */
  onAny(callback: (orgId: string) => void): () => void
  close(): Promise<void>
}

function createSignal(complete = false): EventSignal & {
  wake(orgId: string): void
  onClose(close: () => Promise<void>): void
} {
  const waiters = new Map<string, Set<() => void>>()
  const listeners = new Set<(orgId: string) => void>()
  let closeListener: () => Promise<void> = async () => {}
  return {
    complete,
    wake(orgId) {
      for (const resolve of waiters.get(orgId) ?? []) resolve()
      waiters.delete(orgId)
      for (const listener of listeners) listener(orgId)
    },
    wait(orgId, timeoutMs) {
      return new Promise((resolve) => {
        const done = () => {
          clearTimeout(timer)
          waiters.get(orgId)?.delete(done)
          resolve()
        }
        const timer = setTimeout(done, timeoutMs)
        const set = waiters.get(orgId) ?? new Set()
        set.add(done)
        waiters.set(orgId, set)
      })
    },
    onAny(callback) {
      listeners.add(callback)
      return () => listeners.delete(callback)
    },
    onClose(close) {
      closeListener = close
    },
    async close() {
      for (const set of waiters.values()) for (const resolve of set) resolve()
      waiters.clear()
      listeners.clear()
      await closeListener()
    },
  }
}

/** A signal that only waits out its timeouts: for commands and tests without a listener. */
export function timerSignal(): EventSignal {
  return createSignal()
}

/** Listens on the database the app uses: a dedicated connection on PostgreSQL, PGlite's own on PGlite. */
export async function listenForEvents(database: Pick<Database, 'pool' | 'pglite'>): Promise<EventSignal> {
  if (database.pglite) {
    const signal = createSignal(true)
    const stop = await database.pglite.listen(eventChannel, (orgId) => signal.wake(orgId))
    signal.onClose(() => stop())
    return signal
  }
  const signal = createSignal()
  if (!database.pool) return signal
  // not a pooled connection: LISTEN holds its connection for as long as the app runs
  const client = new pg.Client(database.pool.options)
  client.on('notification', (message) => {
    if (message.channel === eventChannel && message.payload) signal.wake(message.payload)
  })
  // a dropped connection leaves the timeouts to do the work; the next start listens again
  client.on('error', (error) => console.error(`[events] listener connection ended: ${error.message}`))
  await client.connect()
  await client.query(`listen ${eventChannel}`)
  signal.onClose(() => client.end().catch(() => undefined))
  return signal
}
