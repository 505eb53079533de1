// The demo org's leads, so the Leads page has something in every state: leads routed by each territory
// (one where EMEA Software and EMEA both take it, shown as an overlap), one no territory takes, one
// being worked, one converted into an open deal and one disqualified.
import type { Db } from '../db/client'
import { changeLeadStatus, createLead } from '../modules/revenue'
import { fixedClock } from '../platform/clock'
import type { Scope } from '../platform/scope'

const day = 86_400_000

interface DemoLead {
  companyName: string
  domain: string
  contactName: string
  country: string
  region: string | null
  industry: string
  source: string
  notes: string
  /** Days before the seed's day it came in. */
  daysAgo: number
  /** Where it got to, a day after it came in. */
  outcome?: 'working' | 'converted' | { disqualified: string }
}

const planned: DemoLead[] = [
  {
    companyName: 'Wayne Logistics',
    domain: 'wayne-logistics.example',
    contactName: 'Lucius Fox',
    country: 'DE',
    region: 'DACH',
    industry: 'Software',
    source: 'event',
    notes: 'Stopped by our booth at the Berlin partner summit; wants a demo for their ops team.',
    daysAgo: 1,
  },
  {
    companyName: 'Stark Fabrication',
    domain: 'stark-fabrication.example',
    contactName: 'Pepper Potts',
    country: 'US',
    region: null,
    industry: 'Manufacturing',
    source: 'web',
    notes: 'Filled in the pricing form: 40 seats, evaluating this quarter.',
    daysAgo: 2,
  },
  {
    companyName: 'Soylent Foods',
    domain: 'soylent-foods.example',
    contactName: 'Sol Roth',
    country: 'BR',
    region: 'LATAM',
    industry: 'Food',
    source: 'api',
    notes: 'Sent by the marketing automation sync; no territory covers Brazil yet.',
    daysAgo: 3,
  },
  {
    companyName: 'Tyrell Retail',
    domain: 'tyrell-retail.example',
    contactName: 'Rachael Tyrell',
    country: 'GB',
    region: null,
    industry: 'Retail',
    source: 'referral',
    notes: 'Referred by a customer; first call booked.',
    daysAgo: 6,
    outcome: 'working',
  },
  {
    companyName: 'Cyberdyne Analytics',
    domain: 'cyberdyne-analytics.example',
    contactName: 'Miles Dyson',
    country: 'CA',
    region: null,
    industry: 'Software',
    source: 'web',
    notes: 'Asked for a trial; became the open opportunity.',
    daysAgo: 14,
    outcome: 'converted',
  },
  {
    companyName: 'Oscorp Labs',
    domain: 'oscorp-labs.example',
    contactName: 'Norman Osborn',
    country: 'NL',
    region: null,
    industry: 'Biotech',
    source: 'event',
    notes: 'Collected at a trade show.',
    daysAgo: 9,
    outcome: { disqualified: 'A student research group with no budget this year.' },
  },
]

export async function seedDemoLeads(
  db: Db,
  scope: Scope,
  options: { asOf: Date; convertedDealId: string },
): Promise<number> {
  // oldest first, so the list (newest first, by id) reads in the order they came in
  for (const plan of [...planned].sort((a, b) => b.daysAgo - a.daysAgo)) {
    const { daysAgo, outcome, ...input } = plan
    const at = new Date(options.asOf.getTime() - daysAgo * day)
    const { lead } = await createLead(
      db,
      scope,
      { ...input, contactEmail: `${input.contactName.split(' ')[0]!.toLowerCase()}@${input.domain}` },
      fixedClock(at),
    )
    if (!outcome) continue
    const next = fixedClock(new Date(at.getTime() + day))
    await changeLeadStatus(db, scope, lead.id, { status: 'working' }, next)
    if (outcome === 'converted')
      await changeLeadStatus(
        db,
        scope,
        lead.id,
        { status: 'converted', dealId: options.convertedDealId },
        next,
      )
    else if (typeof outcome === 'object')
      await changeLeadStatus(
        db,
        scope,
        lead.id,
        { status: 'disqualified', reason: outcome.disqualified },
        next,
      )
  }
  return planned.length
}
