// Territories on the wire: a territory's owner, partners and rules as data, the overlaps it has with
// others (warnings, never refusals), and which territories take an account, most specific first.
import { z } from 'zod'
import { countryCode, domainName, entityId, patchOf, timestamp } from '../../platform/platform.contract'

const tag = z.string().trim().min(1).max(100)
const namedAccount = z
  .union([entityId, domainName])
  .describe('An account id (acc_…) or a web domain such as acme.example')

const rulesShape = {
  countries: z.array(countryCode).max(250).default([]).describe('ISO 3166 alpha-2 codes such as DE'),
  regions: z.array(tag).max(50).default([]).describe('Free text, such as DACH or West Coast'),
  industries: z.array(tag).max(50).default([]).describe('Compared without regard to case'),
  namedAccounts: z.array(namedAccount).max(500).default([]),
}

const territoryShape = {
  name: z.string().trim().min(1).max(100),
  ownerUserId: entityId.describe('The staff user (the partner manager) registrations are routed to'),
  partnerIds: z.array(entityId).max(500).default([]).describe('The partners assigned to the territory'),
  ...rulesShape,
}

export const createTerritoryInput = z
  .object(territoryShape)
  .strict()
  .meta({
    id: 'NewTerritory',
    examples: [
      {
        name: 'EMEA Software',
        ownerUserId: 'usr_01h455vb4pex5vsknk084sn02q',
        partnerIds: [],
        countries: ['DE', 'FR', 'GB'],
        regions: [],
        industries: ['Software'],
        namedAccounts: [],
      },
    ],
  })
export type CreateTerritoryInput = z.infer<typeof createTerritoryInput>

export const updateTerritoryInput = patchOf(
  z
    .object({
      name: territoryShape.name.optional(),
      ownerUserId: territoryShape.ownerUserId.optional(),
      partnerIds: z.array(entityId).max(500).optional(),
      countries: z.array(countryCode).max(250).optional(),
      regions: z.array(tag).max(50).optional(),
      industries: z.array(tag).max(50).optional(),
      namedAccounts: z.array(namedAccount).max(500).optional(),
      isActive: z.boolean().optional().describe('An inactive territory routes nothing and overlaps nothing'),
    })
    .strict(),
).meta({ id: 'TerritoryChange' })
export type UpdateTerritoryInput = z.infer<typeof updateTerritoryInput>

export const territoryOverlapView = z
  .object({
    territoryId: z.string(),
    territoryName: z.string(),
    countries: z.array(z.string()),
    regions: z.array(z.string()),
    industries: z.array(z.string()),
    namedAccounts: z.array(z.string()),
    reason: z.string().describe('What overlaps, in words'),
  })
  .meta({ id: 'TerritoryOverlap' })
export type TerritoryOverlapView = z.infer<typeof territoryOverlapView>

export const territoryView = z
  .object({
    id: z.string(),
    name: z.string(),
    owner: z.object({ id: z.string(), name: z.string().nullable() }),
    partners: z.array(z.object({ id: z.string(), name: z.string().nullable() })),
    countries: z.array(z.string()),
    regions: z.array(z.string()),
    industries: z.array(z.string()),
    namedAccounts: z.array(z.string()),
    isActive: z.boolean(),
    overlaps: z.array(territoryOverlapView).describe('Other active territories whose rules overlap this one'),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .meta({ id: 'Territory' })
export type TerritoryView = z.infer<typeof territoryView>

export const territoryList = z.object({ items: z.array(territoryView) })

export const territoryMatchQuery = z.object({
  accountId: entityId.optional(),
  domain: domainName.optional(),
  country: countryCode.optional(),
  region: tag.optional(),
  industry: tag.optional(),
})
export type TerritoryMatchQuery = z.infer<typeof territoryMatchQuery>

export const territoryMatchList = z.object({
  items: z.array(
    z.object({
      territoryId: z.string(),
      territoryName: z.string(),
      owner: z.object({ id: z.string(), name: z.string().nullable() }),
      kind: z.enum(['named_account', 'country_industry', 'country', 'industry']),
      reason: z.string(),
    }),
  ),
})
