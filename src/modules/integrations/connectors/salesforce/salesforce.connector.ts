// Salesforce → Credence: Accounts become accounts (partner accounts excepted), Opportunities become
// deals (open, won or lost from IsClosed and IsWon) with their owner as the seller, and the partner on
// an opportunity becomes the partner's touch — an OpportunityPartner row, the org's partner lookup
// field, or a contact role held by a partner's contact — while Tasks and Events on an opportunity
// become touches, a partner's when a partner account is on the activity, else the owner's. A first
// load reads the large objects through Bulk API 2.0; later syncs query what changed since the cursor
// (SystemModstamp) and what was deleted since it.
import { invalidField } from '../../../../platform/app-error'
import type { ImportKind } from '../../../journeys'
import type { Connector, ConnectorContext, Cursor, SyncFile, SyncReader } from '../connector'
import { ConnectorError } from '../connector'
import {
  type SalesforceCredentials,
  type SalesforceSettings,
  salesforceCredentials,
  salesforceSettings,
} from './salesforce.contract'
import {
  accountColumns,
  activityKinds,
  dealColumns,
  knownActivityTypes,
  salesforceMappings,
  touchColumns,
} from './salesforce.mappings'
import { SalesforceApi } from './salesforce-api'
import { advance, domainOf, isId, iso, isTrue, relationshipOf, soqlDateTime } from './salesforce-values'

type Row = (string | null)[]

const deletedByGetDeleted = ['Opportunity', 'OpportunityContactRole', 'Task', 'Event'] as const

export function readSalesforce(
  ctx: ConnectorContext<SalesforceCredentials, SalesforceSettings>,
  startedAt: Date,
): SyncReader {
  const api = new SalesforceApi({
    credentials: ctx.credentials,
    apiVersion: ctx.settings.apiVersion,
    ...(ctx.baseUrl ? { baseUrl: ctx.baseUrl } : {}),
  })
  const since = ctx.cursor
  const newest = new Map<string, number>()
  const saw = (key: string, at: string | null) => {
    const time = Date.parse(iso(at) ?? '')
    if (Number.isFinite(time)) newest.set(key, Math.max(newest.get(key) ?? 0, time))
  }
  const counts: Record<ImportKind, number> = { accounts: 0, deals: 0, touches: 0 }
  const fetched = (kind: ImportKind, n: number) => {
    counts[kind] += n
    ctx.onFetched(kind, counts[kind])
  }

  // partner accounts by id: how the partner lookup names each (its Salesforce id, else its name)
  const partners = new Map<string, string>()
  const refOf = (id: string, name: string | null) => (ctx.isPartner({ id, name: null }) ? id : (name ?? id))
  const partnerRefOf = (id: string | null, name: string | null): string | null => {
    if (!isId(id)) return null
    const known = partners.get(id)
    if (known) return known
    if (!ctx.isPartner({ id, name })) return null
    partners.set(id, refOf(id, name))
    return partners.get(id)!
  }

  // the fields an org's Account and Opportunity have, read once (multi-currency and partner
  // portals add fields that a query naming them in another org would fail on)
  let described: Promise<{ account: Set<string>; opportunity: Set<string> }> | null = null
  const fields = () => {
    described ??= (async () => {
      const opportunity = await api.fieldsOf('Opportunity')
      const partnerField = ctx.settings.partnerField
      if (partnerField && !opportunity.has(partnerField))
        throw new ConnectorError(
          `Salesforce Opportunity has no field ${partnerField}; change the partnerField setting to the API name of the partner lookup`,
        )
      return { account: await api.fieldsOf('Account'), opportunity }
    })()
    return described
  }

  /** An object's records: all on a first load (large objects through Bulk 2.0), else those changed. */
  async function* records(object: string, select: string[], filter: string | null, bulk: boolean) {
    const from = since?.[object]
    const where = [filter, from ? `SystemModstamp >= ${soqlDateTime(from)}` : null].filter((w) => w !== null)
    const soql = `SELECT ${[...new Set([...select, 'SystemModstamp'])].join(', ')} FROM ${object}${where.length > 0 ? ` WHERE ${where.join(' AND ')}` : ''}`
    // a bulk job answers in no particular order; the cursor is the newest change read either way
    const pages = !from && bulk ? api.bulkQuery(soql) : api.query(`${soql} ORDER BY SystemModstamp, Id`)
    for await (const page of pages) {
      for (const r of page) saw(object, r.SystemModstamp ?? null)
      yield page
    }
  }

  async function readPartnerAccounts() {
    const { account } = await fields()
    const soql = `SELECT Id, Name FROM Account WHERE ${account.has('IsPartner') ? 'IsPartner = true OR ' : ''}Type IN ('Partner', 'Reseller')`
    for await (const page of api.query(soql))
      for (const r of page) if (isId(r.Id)) partners.set(r.Id, refOf(r.Id, r.Name ?? null))
  }

  async function* accounts(): AsyncGenerator<Row> {
    await readPartnerAccounts()
    const { account } = await fields()
    const select = [
      'Id',
      'Name',
      'Website',
      'BillingCountry',
      'Industry',
      'Type',
      ...(account.has('IsPartner') ? ['IsPartner'] : []),
    ]
    for await (const page of records('Account', select, null, true)) {
      fetched('accounts', page.length)
      for (const r of page) {
        if (!isId(r.Id)) continue
        if (isTrue(r.IsPartner) || r.Type === 'Partner' || r.Type === 'Reseller')
          partners.set(r.Id, refOf(r.Id, r.Name ?? null))
        if (partnerRefOf(r.Id, r.Name ?? null)) continue
        yield [
          r.Id,
          r.Name ?? null,
          domainOf(r.Website ?? null),
          r.BillingCountry ?? null,
          r.Industry ?? null,
        ]
      }
    }
  }

  // the partner-field touches the deals file finds (and clears), handed to the touches file
  const dealTouches: Row[] = []
  const cleared: string[] = []

  async function* deals(): AsyncGenerator<Row> {
    const { opportunity } = await fields()
    const partnerField = ctx.settings.partnerField
    const partnerName = partnerField ? `${relationshipOf(partnerField)}.Name` : null
    const hasCurrency = opportunity.has('CurrencyIsoCode')
    const select = [
      'Id',
      'Name',
      'Amount',
      ...(hasCurrency ? ['CurrencyIsoCode'] : []),
      'StageName',
      'IsClosed',
      'IsWon',
      'Type',
      'CreatedDate',
      'CloseDate',
      'Owner.Email',
      'AccountId',
      ...(partnerField && partnerName ? [partnerField, partnerName] : []),
    ]
    for await (const page of records('Opportunity', select, null, true)) {
      fetched('deals', page.length)
      for (const r of page) {
        if (!isId(r.Id)) continue
        const closed = isTrue(r.IsClosed)
        yield [
          r.Id,
          r.Name ?? null,
          r.Amount ?? null,
          (hasCurrency ? r.CurrencyIsoCode : null) ?? ctx.settings.currency,
          r.StageName ?? null,
          closed ? (isTrue(r.IsWon) ? 'won' : 'lost') : 'open',
          r.Type ?? null,
          iso(r.CreatedDate),
          closed ? iso(r.CloseDate) : null,
          // an open opportunity's close date is when it is expected to close
          closed ? null : iso(r.CloseDate),
          r['Owner.Email'] ?? null,
          r.AccountId && !partners.has(r.AccountId) ? r.AccountId : null,
        ]
        if (!partnerField || !partnerName) continue
        const partner = r[partnerField]
        if (isId(partner))
          dealTouches.push([
            `opp-field:${r.Id}`,
            r.Id,
            'partner',
            partners.get(partner) ?? refOf(partner, r[partnerName] ?? null),
            null,
            activityKinds.partnerField,
            null,
            iso(r.CreatedDate),
            'Partner on the Salesforce opportunity',
          ])
        else cleared.push(`opp-field:${r.Id}`)
      }
    }
  }

  /** The account of each contact named, for activities logged with a partner's contact. */
  const contactAccounts = new Map<string, { id: string | null; name: string | null }>()
  async function readContacts(ids: (string | null)[]) {
    const wanted = [
      ...new Set(
        ids.filter((id): id is string => isId(id) && id.startsWith('003') && !contactAccounts.has(id)),
      ),
    ]
    for (let i = 0; i < wanted.length; i += 200) {
      const list = wanted
        .slice(i, i + 200)
        .map((id) => `'${id}'`)
        .join(', ')
      for await (const page of api.query(
        `SELECT Id, AccountId, Account.Name FROM Contact WHERE Id IN (${list})`,
      ))
        for (const c of page)
          if (c.Id) contactAccounts.set(c.Id, { id: c.AccountId ?? null, name: c['Account.Name'] ?? null })
    }
  }

  async function* activities(object: 'Task' | 'Event'): AsyncGenerator<Row> {
    const dates = object === 'Task' ? ['ActivityDate', 'TaskSubtype'] : ['ActivityDateTime', 'ActivityDate']
    const select = [
      'Id',
      'WhatId',
      'WhoId',
      'AccountId',
      'Account.Name',
      'Owner.Email',
      'Type',
      'Subject',
      'CreatedDate',
      ...dates,
    ]
    for await (const page of records(object, select, "What.Type = 'Opportunity'", true)) {
      fetched('touches', page.length)
      await readContacts(page.map((r) => r.WhoId ?? null))
      for (const r of page) {
        if (!isId(r.Id) || !isId(r.WhatId)) continue
        const who = r.WhoId ? contactAccounts.get(r.WhoId) : undefined
        const partner =
          partnerRefOf(who?.id ?? null, who?.name ?? null) ??
          partnerRefOf(r.AccountId ?? null, r['Account.Name'] ?? null)
        const subtype =
          object === 'Task' && r.TaskSubtype && r.TaskSubtype !== 'Task' ? r.TaskSubtype : r.Type
        yield [
          `${object.toLowerCase()}:${r.Id}`,
          r.WhatId,
          partner ? 'partner' : 'direct',
          partner,
          partner ? null : (r['Owner.Email'] ?? 'Salesforce'),
          subtype && knownActivityTypes.has(subtype) ? subtype : object,
          null,
          iso(r.ActivityDateTime) ?? iso(r.ActivityDate) ?? iso(r.CreatedDate),
          r.Subject?.slice(0, 500) ?? null,
        ]
      }
    }
  }

  async function* touches(): AsyncGenerator<Row> {
    yield* dealTouches
    fetched('touches', dealTouches.length)
    const partnerRows = [
      'Id',
      'OpportunityId',
      'AccountToId',
      'AccountTo.Name',
      'Role',
      'IsPrimary',
      'CreatedDate',
    ]
    for await (const page of records('OpportunityPartner', partnerRows, null, false)) {
      fetched('touches', page.length)
      for (const r of page) {
        if (!isId(r.Id) || !isId(r.OpportunityId) || !isId(r.AccountToId)) continue
        // the account on the other end of a partner row is a partner, whatever its type says
        if (!partners.has(r.AccountToId))
          partners.set(r.AccountToId, refOf(r.AccountToId, r['AccountTo.Name'] ?? null))
        yield [
          `opp-partner:${r.Id}`,
          r.OpportunityId,
          'partner',
          partners.get(r.AccountToId)!,
          null,
          activityKinds.partnerRow,
          r.Role ?? null,
          iso(r.CreatedDate),
          isTrue(r.IsPrimary) ? 'Primary partner on the opportunity' : 'Partner on the opportunity',
        ]
      }
    }
    // A contact role is a partner's touch only when the contact works for a partner account: the
    // customer's own buyers (decision makers, influencers) are who the deal is sold to, not who helped
    // sell it, so their roles are left out (and one that no longer qualifies is taken back).
    const roleRows = [
      'Id',
      'OpportunityId',
      'Contact.AccountId',
      'Contact.Account.Name',
      'Role',
      'CreatedDate',
    ]
    for await (const page of records('OpportunityContactRole', roleRows, null, false)) {
      fetched('touches', page.length)
      for (const r of page) {
        if (!isId(r.Id) || !isId(r.OpportunityId)) continue
        const partner = partnerRefOf(r['Contact.AccountId'] ?? null, r['Contact.Account.Name'] ?? null)
        if (!partner) {
          cleared.push(`ocr:${r.Id}`)
          continue
        }
        yield [
          `ocr:${r.Id}`,
          r.OpportunityId,
          'partner',
          partner,
          null,
          activityKinds.contactRole,
          null,
          iso(r.CreatedDate),
          r.Role ? `Contact role: ${r.Role}` : 'Contact role',
        ]
      }
    }
    yield* activities('Task')
    yield* activities('Event')
  }

  const files: SyncFile[] = [
    { kind: 'accounts', label: 'Salesforce accounts', columns: accountColumns, rows: accounts() },
    { kind: 'deals', label: 'Salesforce opportunities', columns: dealColumns, rows: deals() },
    { kind: 'touches', label: 'Salesforce partners and activities', columns: touchColumns, rows: touches() },
  ]
  const objects = ['Account', 'Opportunity', 'OpportunityPartner', 'OpportunityContactRole', 'Task', 'Event']
  const deletedKeys = [...deletedByGetDeleted, 'OpportunityPartner'].map((o) => `deleted:${o}`)
  const touchIdOf: Record<string, string> = { OpportunityContactRole: 'ocr', Task: 'task', Event: 'event' }

  return {
    files,
    async removals() {
      // a first load finds nothing to remove; later, what was deleted since the cursor
      if (!since) return {}
      const removed: { deals: string[]; touches: string[] } = { deals: [], touches: [...cleared] }
      const end = startedAt.getTime()
      for (const object of deletedByGetDeleted) {
        // getDeleted reaches back 30 days and wants more than a minute between start and end
        const from = Date.parse(since[`deleted:${object}`] ?? since[object] ?? '') || 0
        const start = Math.max(from, end - 29 * 86_400_000)
        if (start >= end - 61_000) continue
        const found = await api.deleted(object, new Date(start), startedAt)
        saw(`deleted:${object}`, found.latest)
        for (const id of found.ids)
          if (object === 'Opportunity') removed.deals.push(id)
          else removed.touches.push(`${touchIdOf[object]}:${id}`)
      }
      // OpportunityPartner is not replicated through getDeleted: its recycle bin is queried instead
      const from = since['deleted:OpportunityPartner'] ?? since.OpportunityPartner
      const soql = `SELECT Id, SystemModstamp FROM OpportunityPartner WHERE IsDeleted = true${from ? ` AND SystemModstamp >= ${soqlDateTime(from)}` : ''}`
      for await (const page of api.query(soql, { all: true }))
        for (const r of page) {
          saw('deleted:OpportunityPartner', r.SystemModstamp ?? null)
          if (isId(r.Id)) removed.touches.push(`opp-partner:${r.Id}`)
        }
      return removed
    },
    cursor() {
      const next: Cursor = {}
      for (const key of [...objects, ...deletedKeys]) {
        const at = advance(since?.[key], newest.get(key) ?? (since ? 0 : startedAt.getTime()), startedAt)
        if (at) next[key] = at
      }
      return next
    },
  }
}

export const salesforceConnector: Connector<SalesforceCredentials, SalesforceSettings> = {
  provider: 'salesforce',
  label: 'Salesforce',
  credentials: salesforceCredentials,
  settings: salesforceSettings,
  mappings: salesforceMappings,
  columns: { accounts: accountColumns, deals: dealColumns, touches: touchColumns },
  async check(ctx) {
    const api = new SalesforceApi({
      credentials: ctx.credentials,
      apiVersion: ctx.settings.apiVersion,
      ...(ctx.baseUrl ? { baseUrl: ctx.baseUrl } : {}),
      retries: 2,
    })
    const organization = await api.organization()
    const opportunity = await api.fieldsOf('Opportunity')
    // a setting the org does not have is the settings' fault, not the credentials'
    if (ctx.settings.partnerField && !opportunity.has(ctx.settings.partnerField))
      throw invalidField(
        'settings.partnerField',
        `Salesforce Opportunity has no field ${ctx.settings.partnerField}`,
      )
    return { account: organization }
  },
  read: readSalesforce,
}
