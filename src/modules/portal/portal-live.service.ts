// The portal's live feed: what changed for one partner, as server-sent events, so their home page
// follows without a reload — their credit on a deal (their own lines only), commission posted to them,
// a new tier, a moved health score, an onboarding workflow completed. Read from the outbox by
// platform/event-stream, which every server instance shares.
import type { Db } from '../../db/client'
import type { EventSignal } from '../../platform/event-signal'
import { type LiveStream, openEventStream } from '../../platform/event-stream'
import type { DomainEvent } from '../../platform/events'
import type { Scope } from '../../platform/scope'
import { viewCreditChange } from '../credits'
import type { incentiveEvents } from '../incentives'
import type { programEvents } from '../programs'
import { portalPermissions } from './portal.permissions'

/** The events the feed carries besides credit: each names the partner it concerns. */
const partnerEventTypes = [
  'commission.posted',
  'tier.changed',
  'health.changed',
  'onboarding.completed',
] as const satisfies readonly (
  | (typeof incentiveEvents.types)[number]
  | (typeof programEvents.types)[number]
)[]

/** An event as a partner user sees it: their own credit lines, or an event about their partner. */
function viewForPartner(scope: Scope, event: DomainEvent): unknown | null {
  if (event.type === 'credit.changed') return viewCreditChange(scope, event)
  return event.payload.partnerId === scope.partnerId ? event.payload : null
}

/** Opens the feed of the caller's partner: partner users only (staff follow credit on /attribution/live). */
export function openPortalStream(
  db: Db,
  scope: Scope,
  since: string | null,
  signal: EventSignal,
): Promise<{ run(stream: LiveStream): Promise<void> }> {
  portalPermissions.require(scope, 'portal.live')
  const feed = {
    types: ['credit.changed', ...partnerEventTypes],
    view: (event: DomainEvent) => viewForPartner(scope, event),
  }
  return openEventStream(db, scope.orgId, feed, since, signal)
}
