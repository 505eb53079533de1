// Read-heavy aggregates (the dashboard) computed once and served until the org's facts change. An
// entry is stale as soon as the org publishes an event: its latest event id moves (checked on every
// read, one indexed row), or a notification arrives (which also catches an event committed late
// with an earlier id); a time limit covers a lost notification. On the embedded database every
// notification arrives (one process), so the event id is not read at all.
import type { Db } from '../db/client'
import type { EventSignal } from './event-signal'
import { latestEventId } from './events'

interface Entry<T> {
  lastEventId: string | null
  generation: number
  at: number
  value: Promise<T>
}

export interface OrgCache<T> {
  get(orgId: string, key: string, compute: () => Promise<T>): Promise<T>
}

export function createOrgCache<T>(
  db: Db,
  signal: EventSignal,
  options: { ttlMs?: number; maxEntries?: number } = {},
): OrgCache<T> {
  const ttlMs = options.ttlMs ?? 10_000
  const maxEntries = options.maxEntries ?? 1000
  const generations = new Map<string, number>()
  const entries = new Map<string, Entry<T>>()
  signal.onAny((orgId) => generations.set(orgId, (generations.get(orgId) ?? 0) + 1))
  return {
    async get(orgId, key, compute) {
      const generation = generations.get(orgId) ?? 0
      const lastEventId = signal.complete ? null : await latestEventId(db, orgId)
      const cacheKey = `${orgId}\u0000${key}`
      const hit = entries.get(cacheKey)
      if (
        hit &&
        hit.generation === generation &&
        hit.lastEventId === lastEventId &&
        Date.now() - hit.at < ttlMs
      )
        return hit.value
      // concurrent readers of a cold entry share one computation
      const value = compute()
      entries.delete(cacheKey)
      entries.set(cacheKey, { lastEventId, generation, at: Date.now(), value })
      value.catch(() => entries.delete(cacheKey))
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!)
      return value
    },
  }
}
