// Credit follows the facts: a deal or touch change re-attributes that deal under every enabled model
// and announces what changed; a bulk load or a model change recomputes the whole org in the
// background. Level-triggered: each handler recomputes from current facts (ADR 0006).
import { type Subscriber, type SubscriberContext, subscribeTo } from '../../platform/events'
import type { ModuleDeps } from '../../platform/module'
import { journeyEvents, listDescendantDealIds } from '../journeys'
import { partnerEvents } from '../partners'
import { attributeDeals } from './attribute.service'
import { creditEvents } from './credits.events'
import { readModels } from './models.service'
import { queueRecompute, recomputeJob } from './recompute.service'

/** Re-attributes the deals, and the renewals grown from them, and announces each change of credit. */
async function reattribute(context: SubscriberContext, dealIds: string[]): Promise<void> {
  // renewals grown from a deal may inherit its credit under a recurring model
  const all = [...dealIds, ...(await listDescendantDealIds(context.tx, context.scope.orgId, dealIds))]
  const changes = await attributeDeals(context.tx, context.scope.orgId, all, context.clock)
  for (const change of changes)
    await context.publish(creditEvents.event('credit.changed', change.dealId, change))
}

export function creditsSubscribers(deps: ModuleDeps): Subscriber[] {
  return [
    subscribeTo(
      journeyEvents,
      'credits.reattribute-deal',
      ['deal.created', 'deal.changed', 'touchpoint.recorded', 'touchpoint.removed'],
      async (event, context) => {
        const dealIds = [event.payload.dealId]
        if ('previousDealId' in event.payload && event.payload.previousDealId)
          dealIds.push(event.payload.previousDealId)
        await reattribute(context, dealIds)
      },
    ),
    subscribeTo(
      journeyEvents,
      'credits.recompute-after-bulk-load',
      ['facts.bulk_loaded'],
      async (event, context) => {
        const named = event.payload.dealIds
        if (named) {
          // a small load (a connector's incremental sync) re-attributes the deals it changed, at once
          if (named.length > 0) await reattribute(context, named)
          return
        }
        const jobId = await queueRecompute(
          context.tx,
          context.scope.orgId,
          `bulk load: ${event.payload.reason}`,
          deps.clock,
        )
        context.sendJobAfterCommit(recomputeJob, { orgId: context.scope.orgId, jobId })
      },
    ),
    subscribeTo(
      partnerEvents,
      'credits.recompute-after-partner-moved',
      ['partner.changed'],
      async (event, context) => {
        if (!event.payload.fields.includes('parentId')) return
        const models = await readModels(context.tx, context.scope.orgId)
        if (!models.some((m) => m.row.role !== 'off' && (m.version.options as { tiers?: unknown }).tiers))
          return
        const jobId = await queueRecompute(
          context.tx,
          context.scope.orgId,
          'a partner moved under another partner',
          deps.clock,
        )
        context.sendJobAfterCommit(recomputeJob, { orgId: context.scope.orgId, jobId })
      },
    ),
    subscribeTo(
      creditEvents,
      'credits.recompute-after-model-change',
      ['attribution.model_changed', 'attribution.recompute_requested'],
      async (event, context) => {
        // a model that is off runs nowhere: creating, editing or turning one off changes no credit
        if ('role' in event.payload && event.payload.role === 'off') return
        const jobId =
          'jobId' in event.payload
            ? event.payload.jobId
            : await queueRecompute(context.tx, context.scope.orgId, 'model settings changed', deps.clock)
        context.sendJobAfterCommit(recomputeJob, { orgId: context.scope.orgId, jobId })
      },
    ),
  ]
}
