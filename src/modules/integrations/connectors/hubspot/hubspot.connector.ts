// HubSpot → Credence: companies become accounts (partner companies excepted), deals (their pipeline
// stage read as open, won or lost) become deals with their owner as the seller, the deal's partner
// property becomes the partner's referral touch, and calls, meetings, emails and notes on a deal
// become touches — a partner's when a partner company is on the activity, else the owner's. A first
// load lists everything; later syncs search what changed since the cursor and list what was archived.
import type { ImportKind, ImportMapping } from '../../../journeys'
import type { Connector, ConnectorContext, Cursor, SyncFile, SyncReader } from '../connector'
import { type HubSpotSettings, hubspotCredentials, hubspotSettings } from './hubspot.contract'
import { HubSpotApi, type HubSpotCredentials, type HubSpotObject } from './hubspot-api'

const engagementTypes = [
  { type: 'calls', key: 'CALL', title: 'hs_call_title' },
  { type: 'meetings', key: 'MEETING', title: 'hs_meeting_title' },
  { type: 'emails', key: 'EMAIL', title: 'hs_email_subject' },
  { type: 'notes', key: 'NOTE', title: 'hs_note_body' },
] as const

const companyProperties = ['name', 'domain', 'country', 'industry', 'type', 'hs_lastmodifieddate']
const dealColumns = [
  'id',
  'dealname',
  'amount',
  'deal_currency_code',
  'stage',
  'status',
  'dealtype',
  'createdate',
  'closed_at',
  'expected_close',
  'owner_email',
  'company_id',
]
const touchColumns = [
  'id',
  'deal_id',
  'actor',
  'partner',
  'seller',
  'engagement_type',
  'occurred_at',
  'title',
]
const accountColumns = ['id', 'name', 'domain', 'country', 'industry']

/** HubSpot's records as the sync's fields, each rewritable per org through the saved mapping. */
export const hubspotMappings: Record<ImportKind, ImportMapping> = {
  accounts: {
    fields: {
      externalId: { column: 'id' },
      name: { column: 'name', whenBlank: { template: 'Company {id}' } },
      domain: { column: 'domain' },
      country: { column: 'country' },
      industry: { column: 'industry' },
    },
  },
  deals: {
    fields: {
      externalId: { column: 'id' },
      name: { column: 'dealname', whenBlank: { template: 'Deal {id}' } },
      amount: { column: 'amount', whenBlank: { constant: '0' } },
      currency: { column: 'deal_currency_code' },
      status: { column: 'status' },
      stage: { column: 'stage' },
      type: {
        column: 'dealtype',
        values: { newbusiness: 'new', existingbusiness: 'renewal' },
        whenBlank: { constant: 'new' },
      },
      openedAt: { column: 'createdate' },
      closedAt: { column: 'closed_at' },
      expectedCloseAt: { column: 'expected_close' },
      owner: { column: 'owner_email' },
      account: { column: 'company_id' },
    },
  },
  touches: {
    fields: {
      externalId: { column: 'id' },
      deal: { column: 'deal_id' },
      actorKind: { column: 'actor' },
      partner: { column: 'partner' },
      seller: { column: 'seller' },
      activity: {
        column: 'engagement_type',
        values: {
          DEAL_PARTNER: 'referral',
          MEETING: 'co_sell_meeting',
          CALL: 'co_sell_meeting',
          EMAIL: 'content_share',
          NOTE: 'co_sell_meeting',
        },
      },
      occurredAt: { column: 'occurred_at' },
      notes: { column: 'title' },
    },
  },
}

type Row = (string | null)[]

/** The cursor a read leaves: the newest change read, but never later than the run's start less a minute. */
function advance(previous: string | undefined, newest: number, startedAt: Date): string | undefined {
  const ceiling = startedAt.getTime() - 60_000
  const at = Math.min(newest, ceiling)
  if (!Number.isFinite(at) || at <= 0) return previous
  return previous && Date.parse(previous) > at ? previous : new Date(at).toISOString()
}

export function readHubSpot(
  ctx: ConnectorContext<HubSpotCredentials, HubSpotSettings>,
  startedAt: Date,
): SyncReader {
  const api = new HubSpotApi({
    credentials: ctx.credentials,
    ...(ctx.baseUrl ? { baseUrl: ctx.baseUrl } : {}),
    renew: ctx.renewCredentials,
  })
  const since = ctx.cursor
  const newest = new Map<string, number>()
  const seen = (type: string, o: HubSpotObject) => {
    const at = Date.parse(o.properties.hs_lastmodifieddate ?? '')
    if (Number.isFinite(at)) newest.set(type, Math.max(newest.get(type) ?? 0, at))
  }
  // partner companies read this run, by id: their name, which the partner lookup knows
  const partnerCompanies = new Map<string, string>()
  const partnerRefOf = (companyId: string): string | null =>
    partnerCompanies.get(companyId) ?? (ctx.isPartner({ id: companyId, name: null }) ? companyId : null)
  const dealPartnerCleared: string[] = []
  const counts: Record<ImportKind, number> = { accounts: 0, deals: 0, touches: 0 }
  const fetched = (kind: ImportKind, n: number) => {
    counts[kind] += n
    ctx.onFetched(kind, counts[kind])
  }

  /** Objects of a type: all on a first load, else those modified since the cursor, with associations. */
  async function* objects(type: string, properties: string[], associations: string[]) {
    const from = since?.[type]
    if (!from) {
      for await (const page of api.list(type, properties, associations)) yield page
      return
    }
    for await (const page of api.modifiedSince(type, from, properties)) {
      // search answers carry no associations: one batch read per associated type
      for (const to of associations) {
        const found = await api.associated(
          type,
          to,
          page.map((o) => o.id),
        )
        for (const o of page)
          o.associations = {
            ...o.associations,
            [to]: { results: (found.get(o.id) ?? []).map((id) => ({ id })) },
          }
      }
      yield page
    }
  }
  const ids = (o: HubSpotObject, type: string) =>
    (o.associations?.[type]?.results ?? []).map((r) => String(r.id))

  async function* accounts(): AsyncGenerator<Row> {
    for await (const page of objects('companies', companyProperties, [])) {
      fetched('accounts', page.length)
      for (const company of page) {
        seen('companies', company)
        const p = company.properties
        const isPartnerType = p.type === 'PARTNER' || p.type === 'RESELLER'
        if (isPartnerType || ctx.isPartner({ id: company.id, name: p.name ?? null })) {
          partnerCompanies.set(
            company.id,
            ctx.isPartner({ id: company.id, name: null }) ? company.id : (p.name ?? company.id),
          )
          continue
        }
        yield [company.id, p.name ?? null, p.domain ?? null, p.country ?? null, p.industry ?? null]
      }
    }
  }

  // read once, when the deals are first read
  let lookups: Promise<{
    stages: Awaited<ReturnType<HubSpotApi['dealStages']>>
    owners: Map<string, string>
  }> | null = null
  const stagesAndOwners = () => {
    lookups ??= (async () => ({ stages: await api.dealStages(), owners: await api.owners() }))()
    return lookups
  }
  const dealProperties = [
    'dealname',
    'amount',
    'deal_currency_code',
    'dealstage',
    'dealtype',
    'createdate',
    'closedate',
    'hubspot_owner_id',
    'hs_lastmodifieddate',
    ctx.settings.partnerProperty,
  ]
  // the partner touches the deals file finds, handed to the touches file
  const dealTouches: Row[] = []

  async function* deals(): AsyncGenerator<Row> {
    const { stages, owners } = await stagesAndOwners()
    for await (const page of objects('deals', dealProperties, ['companies'])) {
      fetched('deals', page.length)
      for (const deal of page) {
        seen('deals', deal)
        const p = deal.properties
        const stage = stages.get(p.dealstage ?? '')
        const closed = stage?.status === 'won' || stage?.status === 'lost'
        const account = ids(deal, 'companies').find((id) => !partnerRefOf(id)) ?? null
        const owner = p.hubspot_owner_id
          ? (owners.get(p.hubspot_owner_id) ?? `HubSpot owner ${p.hubspot_owner_id}`)
          : null
        yield [
          deal.id,
          p.dealname ?? null,
          p.amount || null,
          p.deal_currency_code ?? ctx.settings.currency,
          stage?.label ?? p.dealstage ?? null,
          stage?.status ?? null,
          p.dealtype ?? null,
          p.createdate ?? null,
          closed ? (p.closedate ?? p.hs_lastmodifieddate ?? null) : null,
          // an open deal's close date is when it is expected to close
          closed ? null : (p.closedate ?? null),
          owner,
          account,
        ]
        const partner = p[ctx.settings.partnerProperty]?.trim()
        if (partner)
          dealTouches.push([
            `deal-partner:${deal.id}`,
            deal.id,
            'partner',
            partner,
            null,
            'DEAL_PARTNER',
            p.createdate ?? null,
            'Partner on the HubSpot deal',
          ])
        else dealPartnerCleared.push(`deal-partner:${deal.id}`)
      }
    }
  }

  async function* touches(): AsyncGenerator<Row> {
    yield* dealTouches
    fetched('touches', dealTouches.length)
    const { owners } = await stagesAndOwners()
    for (const engagement of engagementTypes) {
      const properties = ['hs_timestamp', 'hubspot_owner_id', engagement.title, 'hs_lastmodifieddate']
      for await (const page of objects(engagement.type, properties, ['deals', 'companies'])) {
        fetched('touches', page.length)
        for (const activity of page) {
          seen(engagement.type, activity)
          const dealId = ids(activity, 'deals').sort()[0]
          if (!dealId) continue
          const partner =
            ids(activity, 'companies')
              .map(partnerRefOf)
              .find((ref) => ref !== null) ?? null
          const p = activity.properties
          const owner = p.hubspot_owner_id
            ? (owners.get(p.hubspot_owner_id) ?? `HubSpot owner ${p.hubspot_owner_id}`)
            : null
          yield [
            `${engagement.type}:${activity.id}`,
            dealId,
            partner ? 'partner' : 'direct',
            partner,
            partner ? null : (owner ?? 'HubSpot'),
            engagement.key,
            p.hs_timestamp ?? p.createdate ?? null,
            p[engagement.title]?.slice(0, 500) ?? null,
          ]
        }
      }
    }
  }

  const files: SyncFile[] = [
    {
      kind: 'accounts',
      label: 'HubSpot companies',
      columns: accountColumns,
      rows: accounts(),
    },
    { kind: 'deals', label: 'HubSpot deals', columns: dealColumns, rows: deals() },
    { kind: 'touches', label: 'HubSpot activities', columns: touchColumns, rows: touches() },
  ]
  const archivedTypes = ['deals', ...engagementTypes.map((e) => e.type)]

  return {
    files,
    async removals() {
      // a first load finds nothing to remove; later, what was archived since the cursor
      if (!since) return {}
      const removed: { deals: string[]; touches: string[] } = { deals: [], touches: [...dealPartnerCleared] }
      for (const type of archivedTypes) {
        const from = Date.parse(since[`archived:${type}`] ?? since[type] ?? '') || 0
        for await (const page of api.list(type, ['hs_lastmodifieddate'], [], true))
          for (const o of page) {
            const at = o.archivedAt ? new Date(o.archivedAt).getTime() : 0
            if (at < from) continue
            newest.set(`archived:${type}`, Math.max(newest.get(`archived:${type}`) ?? 0, at))
            if (type === 'deals') removed.deals.push(o.id)
            else removed.touches.push(`${type}:${o.id}`)
          }
      }
      return removed
    },
    cursor() {
      const next: Cursor = {}
      for (const type of ['companies', ...archivedTypes, ...archivedTypes.map((t) => `archived:${t}`)]) {
        const at = advance(since?.[type], newest.get(type) ?? (since ? 0 : startedAt.getTime()), startedAt)
        if (at) next[type] = at
      }
      return next
    },
  }
}

export const hubspotConnector: Connector<HubSpotCredentials, HubSpotSettings> = {
  provider: 'hubspot',
  label: 'HubSpot',
  credentials: hubspotCredentials,
  settings: hubspotSettings,
  mappings: hubspotMappings,
  columns: { accounts: accountColumns, deals: dealColumns, touches: touchColumns },
  async check(ctx) {
    const api = new HubSpotApi({
      credentials: ctx.credentials,
      ...(ctx.baseUrl ? { baseUrl: ctx.baseUrl } : {}),
      renew: ctx.renewCredentials,
      retries: 2,
    })
    await api.dealStages()
    return { account: ctx.settings.portalId ? String(ctx.settings.portalId) : null }
  },
  read: readHubSpot,
}
