// The table revenue owns for leads: companies showing interest, routed by territory to the staff user
// who works them, and where each went (converted into a deal, or disqualified with the reason).
import { sql } from 'drizzle-orm'
import { index, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core'
import { externalRefIndex, timestamptz } from '../../../platform/columns'
import { defineIds } from '../../../platform/ids'
import { leadStatuses } from './leads.contract'

/** Id prefixes of lead records (see the module descriptor). */
export const leadIds = defineIds({ lead: 'lead' })

/**
 * A lead. A source's own id makes it one record per (org, source, external id); an Idempotency-Key is
 * kept as `requestKey` with a hash of the fields, so a resent request makes no second lead and the same
 * key with other fields is refused.
 */
export const leads = pgTable(
  'leads',
  {
    orgId: text('org_id').notNull(),
    id: text('id').notNull(),
    companyName: text('company_name').notNull(),
    domain: text('domain'),
    contactName: text('contact_name'),
    contactEmail: text('contact_email'),
    /** The company's country, region and industry: what territory routing reads. */
    country: text('country'),
    region: text('region'),
    industry: text('industry'),
    /** Where it came from: web, event, api … */
    source: text('source').notNull(),
    externalId: text('external_id'),
    notes: text('notes'),
    status: text('status', { enum: leadStatuses }).notNull(),
    /** The staff user who works it: its territory's owner, or whom staff assigned it to; null when none. */
    assignedTo: text('assigned_to'),
    territoryId: text('territory_id'),
    /** Why it went to them, in words ("routed to the DACH territory: country DE, industry Software"). */
    routingReason: text('routing_reason'),
    dealId: text('deal_id'),
    disqualifiedReason: text('disqualified_reason'),
    requestKey: text('request_key'),
    requestHash: text('request_hash').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('leads_status_idx').on(t.orgId, t.status, t.id),
    index('leads_assignee_idx').on(t.orgId, t.assignedTo, t.id),
    index('leads_domain_idx').on(t.orgId, t.domain),
    externalRefIndex('leads_external_idx', t),
    uniqueIndex('leads_request_key_idx').on(t.orgId, t.requestKey).where(sql`${t.requestKey} is not null`),
  ],
)
