// Commission follows credit: a deal's credit changing under the paying model brings its partners'
// lines up to date at once; a recompute, a plan change or new FX rates bring the whole org up to date
// in the background. Level-triggered: each handler works from current facts, so replays post nothing.

import { type Subscriber, subscribeTo } from '../../platform/events'
import type { ModuleDeps } from '../../platform/module'
import { creditEvents } from '../credits'
import { journeyEvents } from '../journeys'
import { partnerEvents } from '../partners'
import { incentiveEvents } from './incentives.events'
import { partnersWithLines, syncPartners } from './ledger.service'
import { processBatchJob } from './payouts/payout-worker.service'
import { queueSync, syncJob } from './sync.service'

/** Partner fields that commission rules read, or that change what a partner is paid in. */
const paidOnFields = ['type', 'country', 'tags', 'currency', 'tier']

export function incentivesSubscribers(deps: ModuleDeps): Subscriber[] {
  return [
    subscribeTo(creditEvents, 'incentives.sync-deal-partners', ['credit.changed'], async (event, context) => {
      if (event.payload.role !== 'paying') return
      const actors = [...event.payload.before, ...event.payload.after].map((c) => c.actor)
      await syncPartners(context.tx, context.scope.orgId, actors, context.clock)
    }),
    // a refund or churn claws back the lines already posted on the deal
    subscribeTo(
      journeyEvents,
      'incentives.claw-back-deal',
      ['deal.revenue_recorded'],
      async (event, context) => {
        const partners = await partnersWithLines(context.tx, context.scope.orgId, event.payload.dealId)
        await syncPartners(context.tx, context.scope.orgId, partners, context.clock)
      },
    ),
    subscribeTo(
      partnerEvents,
      'incentives.sync-changed-partner',
      ['partner.changed'],
      async (event, context) => {
        if (!event.payload.fields.some((field) => paidOnFields.includes(field))) return
        await syncPartners(context.tx, context.scope.orgId, [event.payload.partnerId], context.clock)
      },
    ),
    subscribeTo(
      creditEvents,
      'incentives.sync-after-recompute',
      ['attribution.recomputed', 'fx_rates.loaded'],
      async (event, context) => {
        const reason = event.type === 'fx_rates.loaded' ? 'FX rates loaded' : 'credit recomputed'
        const syncId = await queueSync(context.tx, context.scope.orgId, reason, deps.clock)
        context.sendJobAfterCommit(syncJob, { orgId: context.scope.orgId, syncId })
      },
    ),
    subscribeTo(
      incentiveEvents,
      'incentives.sync-after-plan-change',
      ['commission_plan.changed', 'commission.sync_requested'],
      async (event, context) => {
        const syncId =
          'syncId' in event.payload
            ? event.payload.syncId
            : await queueSync(context.tx, context.scope.orgId, 'plan changed', deps.clock)
        context.sendJobAfterCommit(syncJob, { orgId: context.scope.orgId, syncId })
      },
    ),
    subscribeTo(
      incentiveEvents,
      'incentives.send-payout-batch',
      ['payout_batch.changed'],
      async (event, context) => {
        // the batch row says processing: a lost send is found again by the resume sweep
        if (event.payload.status !== 'processing') return
        context.sendJobAfterCommit(processBatchJob, {
          orgId: context.scope.orgId,
          batchId: event.payload.batchId,
        })
      },
    ),
  ]
}
