// Tables partners owns: partners, their contacts, and their status history.
import { sql } from 'drizzle-orm'
import { boolean, index, pgTable, primaryKey, text } from 'drizzle-orm/pg-core'
import { externalRefColumns, externalRefIndex, timestamptz } from '../../platform/columns'
import { defineIds } from '../../platform/ids'

/** Id prefixes of this module's records (see the module descriptor). */
export const partnerIds = defineIds({ partner: 'prt', contact: 'pct', statusChange: 'psc' })

export const partners = pgTable(
  'partners',
  {
    orgId: text('org_id').notNull(),
    id: text('id').notNull(),
    name: text('name').notNull(),
    type: text('type').notNull(),
    status: text('status').notNull(),
    parentId: text('parent_id'),
    country: text('country'),
    currency: text('currency').notNull(),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    websiteDomain: text('website_domain'),
    /** The partner's tier: a level key of a programs ladder (ADR 0012), set only by setPartnerTier. */
    tier: text('tier'),
    tierName: text('tier_name'),
    ...externalRefColumns(),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    // lists sort by name without regard to case (keyset: lower(name), then id)
    index('partners_org_name_idx').on(t.orgId, sql`lower(${t.name})`, t.id),
    index('partners_org_created_idx').on(t.orgId, t.createdAt, t.id),
    index('partners_org_parent_idx').on(t.orgId, t.parentId),
    externalRefIndex('partners_external_idx', t),
  ],
)

export const partnerContacts = pgTable(
  'partner_contacts',
  {
    orgId: text('org_id').notNull(),
    id: text('id').notNull(),
    partnerId: text('partner_id').notNull(),
    name: text('name').notNull(),
    email: text('email'),
    phone: text('phone'),
    title: text('title'),
    isPrimary: boolean('is_primary').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('partner_contacts_partner_idx').on(t.orgId, t.partnerId),
  ],
)

export const partnerStatusChanges = pgTable(
  'partner_status_changes',
  {
    orgId: text('org_id').notNull(),
    id: text('id').notNull(),
    partnerId: text('partner_id').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    reason: text('reason'),
    actor: text('actor').notNull(),
    at: timestamptz('at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('partner_status_partner_idx').on(t.orgId, t.partnerId),
  ],
)
