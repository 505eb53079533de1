// The demo org's deal registrations, so the review queue and the portal's list have something in every
// state: another partner's approved claim (the name a new registration will run into), the demo
// partner's pending one that meets an open deal, one waiting for the partner's answer, one approved
// with no activity since, one rejected, and one fresh in the queue.
import type { Db } from '../db/client'
import {
  approveRegistration,
  rejectRegistration,
  requestRegistrationInfo,
  submitRegistration,
} from '../modules/revenue'
import { fixedClock } from '../platform/clock'
import type { Scope } from '../platform/scope'

const day = 86_400_000
const hour = 3_600_000

interface DemoRegistration {
  partnerId: string
  accountName: string
  domain: string | null
  /** The customer's country and industry: what routes it to a territory's owner. */
  country: string | null
  industry: string | null
  amount: string
  products: string[]
  notes: string
  /** Days before the seed's day it was submitted. */
  daysAgo: number
  review?:
    | { action: 'approve'; afterHours: number }
    | { action: 'reject'; afterHours: number; reason: string }
    | { action: 'ask'; afterHours: number; message: string }
}

export async function seedDemoRegistrations(
  db: Db,
  scope: Scope,
  options: {
    asOf: Date
    demoPartner: Scope & { partnerId: string }
    rivalPartnerId: string
    openDealAccount: string
  },
): Promise<number> {
  const { asOf, demoPartner, rivalPartnerId } = options
  const demoPartnerId = demoPartner.partnerId
  const planned: DemoRegistration[] = [
    {
      partnerId: rivalPartnerId,
      accountName: 'Globex Corporation',
      domain: 'globex-demo.example',
      country: 'US',
      industry: 'Manufacturing',
      amount: '84000.00',
      products: ['Enterprise'],
      notes: 'Introduced by their CIO at our user group.',
      daysAgo: 20,
      review: { action: 'approve', afterHours: 20 },
    },
    {
      partnerId: demoPartnerId,
      accountName: `${options.openDealAccount} Inc.`,
      domain: null,
      country: 'US',
      industry: 'Software',
      amount: '36000.00',
      products: ['Platform', 'Analytics add-on'],
      notes: 'Their operations lead asked us for a proposal.',
      daysAgo: 3,
    },
    {
      partnerId: demoPartnerId,
      accountName: 'Umbrella Health',
      domain: 'umbrella-health.example',
      country: 'CA',
      industry: 'Healthcare',
      amount: '52000.00',
      products: ['Enterprise'],
      notes: 'Replacing a home-grown system next quarter.',
      daysAgo: 2,
      review: {
        action: 'ask',
        afterHours: 18,
        message: 'Which products are in scope, and who is the economic buyer?',
      },
    },
    {
      partnerId: demoPartnerId,
      accountName: 'Initech Systems',
      domain: 'initech-systems.example',
      country: 'DE',
      industry: 'Software',
      amount: '28000.00',
      products: ['Team plan'],
      notes: 'Pilot with two teams first.',
      daysAgo: 45,
      review: { action: 'approve', afterHours: 30 },
    },
    {
      partnerId: demoPartnerId,
      accountName: 'Vandelay Imports',
      domain: 'vandelay.example',
      country: 'GB',
      industry: 'Retail',
      amount: '9000.00',
      products: ['Growth plan'],
      notes: 'Small team, quick decision.',
      daysAgo: 12,
      review: {
        action: 'reject',
        afterHours: 26,
        reason: 'Vandelay is already a direct customer of ours; we will loop you in on the renewal.',
      },
    },
    {
      partnerId: rivalPartnerId,
      accountName: 'Hooli Search',
      domain: 'hooli-search.example',
      country: 'DE',
      industry: 'Software',
      amount: '61000.00',
      products: ['Enterprise', 'Analytics add-on'],
      notes: 'Evaluating us against two competitors.',
      daysAgo: 0.5,
    },
  ]
  for (const plan of planned) {
    const submittedAt = new Date(asOf.getTime() - plan.daysAgo * day)
    // staff enter the other partner's registrations for it
    const isDemoPartner = plan.partnerId === demoPartnerId
    const { registration } = await submitRegistration(
      db,
      isDemoPartner ? demoPartner : scope,
      {
        partnerId: isDemoPartner ? undefined : plan.partnerId,
        accountName: plan.accountName,
        domain: plan.domain,
        country: plan.country,
        industry: plan.industry,
        contact: { name: 'Jordan Buyer', email: `buyer@${plan.domain ?? 'customer.example'}` },
        amount: plan.amount,
        currency: 'USD',
        expectedCloseOn: new Date(asOf.getTime() + 75 * day).toISOString().slice(0, 10),
        products: plan.products,
        notes: plan.notes,
      },
      fixedClock(submittedAt),
    )
    if (!plan.review) continue
    const deps = {
      clock: fixedClock(new Date(submittedAt.getTime() + plan.review.afterHours * hour)),
      publicUrl: '',
    }
    if (plan.review.action === 'approve') await approveRegistration(db, scope, registration.id, {}, deps)
    if (plan.review.action === 'reject')
      await rejectRegistration(db, scope, registration.id, plan.review.reason, deps)
    if (plan.review.action === 'ask')
      await requestRegistrationInfo(db, scope, registration.id, plan.review.message, deps)
  }
  return planned.length
}
