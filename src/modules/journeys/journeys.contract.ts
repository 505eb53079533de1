// Journeys on the wire: customer accounts, deals, and the partner and seller touches on each deal.
import { z } from 'zod'
import {
  countryCode,
  currencyCode,
  domainName,
  entityId,
  isoDateTime,
  moneyView,
  page,
  pageQuery,
  patchOf,
  sortValues,
} from '../../platform/platform.contract'

const externalRef = {
  source: z.string().trim().min(1).max(50).optional().describe('Where the record came from, e.g. hubspot'),
  externalId: z.string().trim().min(1).max(200).optional().describe('Its id in that source'),
}

// ── accounts ────────────────────────────────────────────────────────────────
export const createAccountInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    domain: domainName.nullable().optional(),
    country: countryCode.nullable().optional(),
    industry: z.string().trim().max(100).nullable().optional(),
    ...externalRef,
  })
  .meta({
    id: 'NewAccount',
    examples: [
      {
        name: 'Globex',
        domain: 'globex.example',
        country: 'US',
        industry: 'Manufacturing',
        source: 'hubspot',
        externalId: '9912',
      },
    ],
  })
export type CreateAccountInput = z.infer<typeof createAccountInput>
export const updateAccountInput = patchOf(
  createAccountInput.omit({ source: true, externalId: true }).partial(),
).meta({ id: 'AccountChange' })
export type UpdateAccountInput = z.infer<typeof updateAccountInput>

export const accountView = z
  .object({
    id: z.string(),
    name: z.string(),
    domain: z.string().nullable(),
    country: z.string().nullable(),
    industry: z.string().nullable(),
    source: z.string().nullable(),
    externalId: z.string().nullable(),
    dealCount: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Account' })
export type AccountView = z.infer<typeof accountView>
export const listAccountsQuery = pageQuery.extend({
  q: z.string().trim().max(200).optional().describe('Search in names and domains'),
  sort: z
    .enum(sortValues(['name', 'createdAt']))
    .default('-createdAt')
    .describe('A column to sort by, prefixed with - for descending'),
})
export type ListAccountsQuery = z.infer<typeof listAccountsQuery>
export const accountPage = page(accountView)

// ── deals ───────────────────────────────────────────────────────────────────
export const dealStatuses = ['open', 'won', 'lost'] as const
export const dealStatus = z.enum(dealStatuses)
export type DealStatus = z.infer<typeof dealStatus>
export const dealTypes = ['new', 'renewal', 'expansion'] as const
export const dealType = z.enum(dealTypes)
export type DealType = z.infer<typeof dealType>

const decimalAmount = z
  .string()
  .trim()
  .regex(/^-?\d{1,15}(\.\d{1,4})?$/, 'must be a decimal amount such as 1250.00')

export const createDealInput = z
  .object({
    name: z.string().trim().min(1).max(200),
    accountId: entityId.nullable().optional(),
    amount: decimalAmount.describe('Deal amount in major units, e.g. "1250.00"'),
    currency: currencyCode,
    stage: z.string().trim().min(1).max(100).default('qualification'),
    status: dealStatus.default('open'),
    type: dealType.default('new'),
    openedAt: isoDateTime.optional().describe('When the deal was created in the CRM; now if omitted'),
    closedAt: isoDateTime.nullable().optional().describe('Required when status is won or lost'),
    expectedCloseAt: isoDateTime
      .nullable()
      .optional()
      .describe(
        'When an open deal is expected to close (the CRM close date); forecasts place the deal there',
      ),
    owner: z.string().trim().max(200).nullable().optional().describe('The internal seller who owns the deal'),
    parentDealId: entityId.nullable().optional().describe('For renewals and expansions'),
    ...externalRef,
  })
  .meta({
    id: 'NewDeal',
    examples: [
      {
        name: 'Globex — Enterprise',
        accountId: 'acc_01jb8x3v2k9q7m4t6w8y0z1a2b',
        amount: '48000.00',
        currency: 'USD',
        stage: 'proposal',
        status: 'open',
        type: 'new',
        openedAt: '2026-09-01T09:00:00Z',
        expectedCloseAt: '2026-12-15T00:00:00Z',
        owner: 'ae@vendor.example',
        source: 'salesforce',
        externalId: '0065g00000AbCd1',
      },
    ],
  })
export type CreateDealInput = z.infer<typeof createDealInput>

export const updateDealInput = patchOf(
  createDealInput.omit({ source: true, externalId: true }).partial(),
).meta({ id: 'DealChange' })
export type UpdateDealInput = z.infer<typeof updateDealInput>

export const dealView = z
  .object({
    id: z.string(),
    name: z.string(),
    accountId: z.string().nullable(),
    accountName: z.string().nullable(),
    amount: moneyView,
    stage: z.string(),
    status: dealStatus,
    type: dealType,
    openedAt: z.string(),
    closedAt: z.string().nullable(),
    expectedCloseAt: z.string().nullable(),
    owner: z.string().nullable(),
    parentDealId: z.string().nullable(),
    source: z.string().nullable(),
    externalId: z.string().nullable(),
    touchCount: z.number().int(),
    partnerIds: z.array(z.string()),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Deal' })
export type DealView = z.infer<typeof dealView>

export const dealFilters = z.object({
  q: z.string().trim().max(200).optional().describe('Search in deal and account names'),
  status: dealStatus.optional(),
  type: dealType.optional(),
  stage: z.string().max(100).optional(),
  accountId: entityId.optional(),
  partnerId: entityId
    .optional()
    .describe('Deals this partner touched (a partner user may name only their own partner)'),
})
export type DealFilters = z.infer<typeof dealFilters>
export const listDealsQuery = pageQuery.extend({
  ...dealFilters.shape,
  sort: z
    .enum(sortValues(['openedAt', 'amount', 'name', 'stage', 'updatedAt']))
    .default('-openedAt')
    .describe('A column to sort by, prefixed with - for descending (amount sorts by minor units)'),
})
export type ListDealsQuery = z.infer<typeof listDealsQuery>
export const dealPage = page(dealView)

const currencyTotal = z.object({
  currency: z.string(),
  amountMinor: z.string().describe('Sum in integer minor units'),
  amount: z.string().describe('The same sum as a decimal string'),
  deals: z.number().int(),
})
/** Counts and money over the deals a filtered list shows, summed on the server, one line per currency. */
export const dealSummaryView = z
  .object({
    total: z.number().int(),
    byStatus: z.object({ open: z.number().int(), won: z.number().int(), lost: z.number().int() }),
    openPipeline: z.array(currencyTotal).describe('Open deals, per currency, largest first'),
    wonRevenue: z.array(currencyTotal).describe('Won deals, per currency, largest first'),
  })
  .meta({ id: 'DealSummary' })
export type DealSummaryView = z.infer<typeof dealSummaryView>

// ── revenue events: refunds and churn on won deals ───────────────────────────
export const revenueEventKinds = ['refund', 'churn'] as const
export const revenueEventKind = z.enum(revenueEventKinds)
export type RevenueEventKind = z.infer<typeof revenueEventKind>

export const recordRevenueEventInput = z
  .object({
    kind: revenueEventKind.describe('refund: part or all of the amount paid back; churn: the customer left'),
    amount: decimalAmount
      .optional()
      .describe('For a refund: how much was paid back, in the deal’s currency (major units)'),
    occurredAt: isoDateTime.describe('When it happened; on or after the deal closed'),
    reason: z.string().trim().min(1).max(500).optional(),
    ...externalRef,
  })
  .meta({
    id: 'NewRevenueEvent',
    examples: [
      {
        kind: 'refund',
        amount: '2000.00',
        occurredAt: '2026-10-02T10:00:00Z',
        reason: 'Two seats returned',
        source: 'stripe',
        externalId: 're_3Pq0a2',
      },
    ],
  })
export type RecordRevenueEventInput = z.infer<typeof recordRevenueEventInput>

export const revenueEventView = z
  .object({
    id: z.string(),
    dealId: z.string(),
    kind: revenueEventKind,
    amount: moneyView.nullable().describe('A refund’s amount; null for churn'),
    occurredAt: z.string(),
    reason: z.string().nullable(),
    source: z.string().nullable(),
    externalId: z.string().nullable(),
    recordedBy: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'RevenueEvent' })
export type RevenueEventView = z.infer<typeof revenueEventView>
export const revenueEventList = z.object({
  items: z.array(revenueEventView),
  refunded: moneyView.describe('Every refund on the deal, summed'),
  net: moneyView.describe('The deal amount less its refunds'),
})

// ── touchpoints ─────────────────────────────────────────────────────────────
export const touchActor = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('partner'), partnerId: entityId }),
  z.object({
    kind: z.literal('direct'),
    seller: z.string().trim().min(1).max(200).describe('The internal seller, e.g. their email'),
  }),
])
export type TouchActor = z.infer<typeof touchActor>

export const recordTouchpointInput = z
  .object({
    dealId: entityId,
    actor: touchActor,
    activityType: z.string().trim().min(1).max(50),
    occurredAt: isoDateTime,
    notes: z.string().max(5000).nullable().optional(),
    ...externalRef,
  })
  .meta({
    id: 'NewTouch',
    examples: [
      {
        dealId: 'deal_01jb8x3v2k9q7m4t6w8y0z1a2c',
        actor: { kind: 'partner', partnerId: 'prt_01jb8x3v2k9q7m4t6w8y0z1a2d' },
        activityType: 'demo',
        occurredAt: '2026-09-12T14:30:00Z',
        notes: 'Joint demo with the customer IT team',
        source: 'salesforce',
        externalId: '00T5g00000Task1',
      },
    ],
  })
export type RecordTouchpointInput = z.infer<typeof recordTouchpointInput>

export const touchpointView = z
  .object({
    id: z.string(),
    dealId: z.string(),
    actor: z.discriminatedUnion('kind', [
      z.object({
        kind: z.literal('partner'),
        partnerId: z.string(),
        partnerName: z.string(),
        partnerType: z.string(),
      }),
      z.object({ kind: z.literal('direct'), seller: z.string() }),
    ]),
    activityType: z.string(),
    activityLabel: z.string(),
    occurredAt: z.string(),
    notes: z.string().nullable(),
    source: z.string().nullable(),
    externalId: z.string().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: 'Touchpoint' })
export type TouchpointView = z.infer<typeof touchpointView>

export const recordedTouchpointView = touchpointView.extend({
  created: z
    .boolean()
    .describe('false when an existing touch with the same source and external id was updated'),
})

export const listTouchpointsQuery = pageQuery.extend({
  dealId: entityId.optional(),
  partnerId: entityId.optional(),
  activityType: z.string().max(50).optional(),
})
export type ListTouchpointsQuery = z.infer<typeof listTouchpointsQuery>
export const touchpointPage = page(touchpointView)

export const dealDetailView = dealView
  .extend({
    touchpoints: z.array(touchpointView).describe('The timeline, oldest first'),
  })
  .meta({ id: 'DealWithTouches' })
export type DealDetailView = z.infer<typeof dealDetailView>

// ── activity types ──────────────────────────────────────────────────────────
export const activityTypeView = z
  .object({
    key: z.string(),
    label: z.string(),
    isActive: z.boolean(),
  })
  .meta({ id: 'ActivityType' })
export type ActivityTypeView = z.infer<typeof activityTypeView>
export const createActivityTypeInput = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{1,49}$/, 'must be lower_snake_case, 2-50 characters'),
  label: z.string().trim().min(1).max(100),
})
export type CreateActivityTypeInput = z.infer<typeof createActivityTypeInput>
export const updateActivityTypeInput = patchOf(
  z.object({ label: z.string().trim().min(1).max(100), isActive: z.boolean() }).partial(),
)
export const activityTypeList = z.object({ items: z.array(activityTypeView) })
