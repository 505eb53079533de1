// Live credit: the credit.changed events a caller may see, as a server-sent event stream. Events are
// read from the outbox (shared by every server instance), so a change made through one instance
// reaches a browser connected to another; a partner user receives only their own credit.
import type { Db } from '../../db/client'
import type { EventSignal } from '../../platform/event-signal'
import { latestEventId, listEventsAfter } from '../../platform/events'
import type { Scope } from '../../platform/scope'
import { creditsPermissions } from './credits.permissions'

interface ActorCredit {
  actor: string
  share: string
  amountMinor: string
}

export interface LiveCreditChange {
  id: string
  dealId: string
  modelId: string
  role: string
  currency: string
  before: ActorCredit[]
  after: ActorCredit[]
}

/** The changes after an event id, as this scope may see them. */
export async function readCreditChanges(
  db: Db,
  scope: Scope,
  afterId: string | null,
): Promise<{ changes: LiveCreditChange[]; lastId: string | null }> {
  const events = await listEventsAfter(db, scope.orgId, ['credit.changed'], afterId)
  const changes: LiveCreditChange[] = []
  for (const event of events) {
    const payload = event.payload as Omit<LiveCreditChange, 'id'>
    const mine = (list: ActorCredit[]) => list.filter((c) => c.actor === scope.partnerId)
    if (scope.partnerId) {
      const before = mine(payload.before)
      const after = mine(payload.after)
      if (before.length === 0 && after.length === 0) continue
      changes.push({ ...payload, id: event.id, before, after })
    } else changes.push({ ...payload, id: event.id })
  }
  return { changes, lastId: events.at(-1)?.id ?? afterId }
}

export interface LiveStream {
  write(text: string): void
  /** Resolves when the client goes away. */
  closed: Promise<void>
}

/**
 * Opens a stream of credit changes: permission and starting point are settled first (so a refusal is
 * still an ordinary problem answer); `run` then reads the outbox each time the org commits an event
 * (or every `fallbackMs` if a notification is lost) until the client disconnects, with a comment
 * every 15 s as a heartbeat so proxies keep the connection open.
 */
export async function openCreditStream(
  db: Db,
  scope: Scope,
  since: string | null,
  signal: EventSignal,
  fallbackMs = 2000,
): Promise<{ run(stream: LiveStream): Promise<void> }> {
  creditsPermissions.require(scope, 'credits.read')
  const start = since ?? (await latestEventId(db, scope.orgId))
  return {
    run: (stream) =>
      streamCreditChanges(db, scope, start, stream, (ms) => signal.wait(scope.orgId, ms), fallbackMs),
  }
}

async function streamCreditChanges(
  db: Db,
  scope: Scope,
  start: string | null,
  stream: LiveStream,
  nextEvent: (timeoutMs: number) => Promise<void>,
  fallbackMs: number,
): Promise<void> {
  let last = start
  let isOpen = true
  void stream.closed.then(() => {
    isOpen = false
  })
  stream.write('retry: 2000\n\n')
  let heartbeatAt = Date.now()
  while (isOpen) {
    const { changes, lastId } = await readCreditChanges(db, scope, last)
    for (const change of changes)
      stream.write(`id: ${change.id}\nevent: credit.changed\ndata: ${JSON.stringify(change)}\n\n`)
    last = lastId
    if (Date.now() - heartbeatAt >= 15_000) {
      stream.write(': still here\n\n')
      heartbeatAt = Date.now()
    }
    await Promise.race([nextEvent(fallbackMs), stream.closed])
  }
}
