// Live credit: the credit.changed events a caller may see, as a server-sent event stream (read from the
// outbox by platform/event-stream); a partner user receives only their own credit.
import type { Db } from '../../db/client'
import type { EventSignal } from '../../platform/event-signal'
import { type LiveStream, openEventStream } from '../../platform/event-stream'
import type { DomainEvent } from '../../platform/events'
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

/** A credit.changed event as this scope may see it: a partner user only their own lines, or nothing. */
export function viewCreditChange(scope: Scope, event: DomainEvent): LiveCreditChange | null {
  const payload = event.payload as Omit<LiveCreditChange, 'id'>
  if (!scope.partnerId) return { ...payload, id: event.id }
  const mine = (list: ActorCredit[]) => list.filter((c) => c.actor === scope.partnerId)
  const before = mine(payload.before)
  const after = mine(payload.after)
  if (before.length === 0 && after.length === 0) return null
  return { ...payload, id: event.id, before, after }
}

/** Opens a stream of the credit changes this scope may see (a partner user: their own lines). */
export function openCreditStream(
  db: Db,
  scope: Scope,
  since: string | null,
  signal: EventSignal,
): Promise<{ run(stream: LiveStream): Promise<void> }> {
  creditsPermissions.require(scope, 'credits.read')
  const feed = { types: ['credit.changed'], view: (event: DomainEvent) => viewCreditChange(scope, event) }
  return openEventStream(db, scope.orgId, feed, since, signal)
}
