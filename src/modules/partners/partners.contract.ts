// Partners on the wire: the companies that sell, refer, distribute and integrate with the org.
import { z } from 'zod'
import {
  countryCode,
  currencyCode,
  domainName,
  entityId,
  page,
  pageQuery,
  patchOf,
  sortValues,
} from '../../platform/platform.contract'

export const partnerTypes = [
  'reseller',
  'referral',
  'affiliate',
  'distributor',
  'agency',
  'technology',
  'alliance',
  'marketplace_app',
] as const
export const partnerType = z.enum(partnerTypes)
export type PartnerType = z.infer<typeof partnerType>

export const partnerStatuses = ['invited', 'onboarding', 'active', 'suspended', 'churned'] as const
export const partnerStatus = z.enum(partnerStatuses)
export type PartnerStatus = z.infer<typeof partnerStatus>

/** Allowed status moves; every move is audited. */
export const partnerStatusMoves: Record<PartnerStatus, readonly PartnerStatus[]> = {
  invited: ['onboarding', 'active', 'churned'],
  onboarding: ['active', 'suspended', 'churned'],
  active: ['suspended', 'churned'],
  suspended: ['active', 'churned'],
  churned: ['onboarding'],
}

export const contactInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    email: z.email().max(320).optional(),
    phone: z.string().trim().max(50).optional(),
    title: z.string().trim().max(200).optional(),
    isPrimary: z.boolean().default(false),
  })
  .meta({ id: 'NewContact' })
export type ContactInput = z.infer<typeof contactInput>

export const createPartnerInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    type: partnerType,
    status: partnerStatus.default('onboarding'),
    parentId: entityId.nullable().optional().describe('The partner above this one, e.g. a distributor'),
    country: countryCode.nullable().optional(),
    currency: currencyCode.default('USD'),
    tags: z.array(z.string().trim().min(1).max(50)).max(50).default([]),
    websiteDomain: domainName.nullable().optional(),
    contacts: z.array(contactInput).max(50).default([]),
    source: z.string().trim().min(1).max(50).optional(),
    externalId: z.string().trim().min(1).max(200).optional(),
  })
  .meta({
    id: 'NewPartner',
    examples: [
      {
        name: 'Harbor Systems',
        type: 'reseller',
        country: 'NL',
        currency: 'EUR',
        tags: ['benelux', 'gold'],
        websiteDomain: 'harbor.example',
        contacts: [{ name: 'Ines de Vries', email: 'ines@harbor.example', isPrimary: true }],
        source: 'crm',
        externalId: '0015g00000XyZ1',
      },
    ],
  })
export type CreatePartnerInput = z.infer<typeof createPartnerInput>

export const updatePartnerInput = patchOf(
  createPartnerInput
    .omit({ status: true, source: true, externalId: true })
    .partial()
    .extend({ contacts: z.array(contactInput).max(50).optional() }),
).meta({ id: 'PartnerChange' })
export type UpdatePartnerInput = z.infer<typeof updatePartnerInput>

export const changePartnerStatusInput = z
  .object({
    status: partnerStatus,
    reason: z.string().trim().max(1000).optional(),
  })
  .meta({ id: 'ChangePartnerStatus' })
export type ChangePartnerStatusInput = z.infer<typeof changePartnerStatusInput>

export const contactView = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    title: z.string().nullable(),
    isPrimary: z.boolean(),
  })
  .meta({ id: 'Contact' })

export const partnerView = z
  .object({
    id: z.string(),
    name: z.string(),
    type: partnerType,
    status: partnerStatus,
    parentId: z.string().nullable(),
    parentName: z.string().nullable(),
    country: z.string().nullable(),
    currency: z.string(),
    tags: z.array(z.string()),
    websiteDomain: z.string().nullable(),
    tier: z
      .object({ key: z.string(), name: z.string() })
      .nullable()
      .describe('The partner’s level on its tier ladder (set by programs), or null'),
    contacts: z.array(contactView),
    source: z.string().nullable(),
    externalId: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Partner' })
export type PartnerView = z.infer<typeof partnerView>

export const partnerSummary = partnerView.omit({ contacts: true }).meta({ id: 'PartnerSummary' })
export type PartnerSummary = z.infer<typeof partnerSummary>

export const listPartnersQuery = pageQuery.extend({
  q: z.string().trim().max(200).optional().describe('Search in name, domain and tags'),
  type: partnerType.optional(),
  status: partnerStatus.optional(),
  tag: z.string().max(50).optional(),
  parentId: entityId.optional(),
  sort: z
    .enum(sortValues(['name', 'createdAt', 'status']))
    .default('-createdAt')
    .describe('A column to sort by, prefixed with - for descending'),
})
export type ListPartnersQuery = z.infer<typeof listPartnersQuery>

export const partnerPage = page(partnerSummary)

/** How many partners the org has, by type and by status: counted on the server. */
export const partnerCountsView = z
  .object({
    total: z.number().int(),
    byType: z.record(partnerType, z.number().int()),
    byStatus: z.record(partnerStatus, z.number().int()),
  })
  .meta({ id: 'PartnerCounts' })
export type PartnerCountsView = z.infer<typeof partnerCountsView>

export const statusChangeView = z.object({
  from: partnerStatus.nullable(),
  to: partnerStatus,
  reason: z.string().nullable(),
  actor: z.string(),
  at: z.string(),
})
export const partnerHistoryView = z.object({ items: z.array(statusChangeView) })
