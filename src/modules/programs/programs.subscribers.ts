// Tiers follow the facts: a deal's credit changing under the paying model re-evaluates its partners
// at once, as does a partner's profile (partner conditions read it), a new partner, or one of its
// people earning a certificate; a recompute, a ladder change or a request re-evaluates the whole org
// in the background. Onboarding follows the same facts: a new partner is enrolled in the workflows of
// its audience, and a profile change, a certificate or a tax form moves its progress. Partner health is
// scored again after an org-wide recompute. A business review shared in the portal is announced to
// the partner's admins by mail, and an org-wide review generation runs in the background. Level-triggered: each handler works from current facts, so
// replays write nothing.

import { type Subscriber, subscribeTo } from '../../platform/events'
import { queueMail } from '../../platform/mail'
import type { ModuleDeps } from '../../platform/module'
import { creditEvents } from '../credits'
import { findPartnerAdmins } from '../identity'
import { incentiveEvents } from '../incentives'
import { partnerEvents } from '../partners'
import { evaluateJob, queueEvaluation } from './evaluations.service'
import { computeOrgHealth } from './health/health.service'
import { enrolPartner, refreshOnboarding } from './onboarding/onboarding-progress.service'
import { programEvents } from './programs.events'
import { qbrRunJob } from './qbr/qbr-runs.service'
import { evaluatePartners } from './tier-evaluation.service'

/** Partner fields that partner conditions and ladder audiences read (never `tier`: it is the result). */
const criteriaFields = ['type', 'country', 'tags']
/** Partner fields onboarding reads: the audience (type, tags) and the profile steps. */
const onboardingFields = ['type', 'tags', 'country', 'websiteDomain', 'contacts']

export function programsSubscribers(deps: ModuleDeps): Subscriber[] {
  return [
    subscribeTo(programEvents, 'programs.qbr-shared-mail', ['qbr.shared'], async (event, context) => {
      const { partnerId, quarter, reviewId } = event.payload
      const admins =
        (await findPartnerAdmins(context.tx, context.scope.orgId, [partnerId])).get(partnerId) ?? []
      for (const admin of admins)
        await queueMail(
          context.tx,
          context.scope.orgId,
          {
            to: admin.email,
            subject: `Your business review for ${quarter} is ready`,
            text: [
              `Hello ${admin.name},`,
              '',
              `Your quarterly business review for ${quarter} is ready: attributed revenue by model, top deals, commissions, tier, health and goals for next quarter.`,
              '',
              `Read it or download the PDF: ${deps.publicUrl}/portal/business-reviews/${reviewId}`,
            ].join('\n'),
          },
          context.clock,
        )
    }),
    subscribeTo(programEvents, 'programs.qbr-run', ['qbr.run_requested'], async (event, context) => {
      context.sendJobAfterCommit(qbrRunJob, { orgId: context.scope.orgId, runId: event.payload.runId })
    }),
    subscribeTo(
      creditEvents,
      'programs.health-after-recompute',
      ['attribution.recomputed'],
      async (_event, context) => {
        // every partner's revenue may have moved: today's scores are computed again
        await computeOrgHealth(context.tx, context.scope.orgId, context.clock)
      },
    ),
    subscribeTo(
      creditEvents,
      'programs.evaluate-deal-partners',
      ['credit.changed'],
      async (event, context) => {
        if (event.payload.role !== 'paying') return
        const actors = [...event.payload.before, ...event.payload.after].map((c) => c.actor)
        await evaluatePartners(context.tx, context.scope.orgId, actors, context.clock)
      },
    ),
    subscribeTo(
      partnerEvents,
      'programs.evaluate-changed-partner',
      ['partner.created', 'partner.changed'],
      async (event, context) => {
        const { payload } = event
        if ('fields' in payload && !payload.fields.some((field) => criteriaFields.includes(field))) return
        await evaluatePartners(context.tx, context.scope.orgId, [event.payload.partnerId], context.clock)
      },
    ),
    subscribeTo(
      partnerEvents,
      'programs.onboard-partner',
      ['partner.created', 'partner.changed'],
      async (event, context) => {
        const { payload } = event
        if ('fields' in payload && !payload.fields.some((field) => onboardingFields.includes(field))) return
        await enrolPartner(context.tx, context.scope, payload.partnerId, context)
      },
    ),
    subscribeTo(
      programEvents,
      'programs.onboarding-certified-partner',
      ['certificate.issued'],
      async (event, context) => {
        if (!event.payload.partnerId) return
        await refreshOnboarding(context.tx, context.scope, [event.payload.partnerId], context)
      },
    ),
    subscribeTo(
      incentiveEvents,
      'programs.onboarding-tax-form',
      ['tax_form.changed'],
      async (event, context) => {
        await refreshOnboarding(context.tx, context.scope, [event.payload.partnerId], context)
      },
    ),
    subscribeTo(
      creditEvents,
      'programs.evaluate-after-recompute',
      ['attribution.recomputed'],
      async (_event, context) => {
        const evaluationId = await queueEvaluation(
          context.tx,
          context.scope.orgId,
          'credit recomputed',
          deps.clock,
        )
        context.sendJobAfterCommit(evaluateJob, { orgId: context.scope.orgId, evaluationId })
      },
    ),
    subscribeTo(
      programEvents,
      'programs.evaluate-certified-partner',
      ['certificate.issued'],
      async (event, context) => {
        if (!event.payload.partnerId) return
        await evaluatePartners(context.tx, context.scope.orgId, [event.payload.partnerId], context.clock)
      },
    ),
    subscribeTo(
      programEvents,
      'programs.evaluate-after-ladder-change',
      ['tier_ladder.changed', 'tier.evaluation_requested'],
      async (event, context) => {
        const evaluationId =
          'evaluationId' in event.payload
            ? event.payload.evaluationId
            : await queueEvaluation(context.tx, context.scope.orgId, 'ladder changed', deps.clock)
        context.sendJobAfterCommit(evaluateJob, { orgId: context.scope.orgId, evaluationId })
      },
    ),
  ]
}
