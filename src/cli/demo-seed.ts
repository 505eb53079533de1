// A deterministic demo org: a SaaS vendor with ~60 partners of every type, ~3,000 deals over two
// years and 1–8 partner and seller touches on each. The same seed always gives the same data.
import { createRandom } from '../attribution'
import type { Database } from '../db/client'
import { createOrg, createUser, findOrgBySlug } from '../modules/identity'
import { createPlan } from '../modules/incentives'
import { bulkLoadFacts, type DealRow, journeyIds, type TouchpointRow } from '../modules/journeys'
import type { PartnerType } from '../modules/partners'
import { createPartner } from '../modules/partners'
import { createLadder, createTerritory } from '../modules/programs'
import { setGoal, setStageProbabilities } from '../modules/revenue'
import { type Clock, fixedClock } from '../platform/clock'
import { type Scope, systemScope } from '../platform/scope'
import {
  activitiesByType,
  countries,
  currencyOf,
  partnerPlan,
  regionOf,
  sellerActivities,
  sellers,
  words1,
  words2,
  words3,
} from './demo-catalog'
import { seedDemoHealth } from './demo-health'
import { seedDemoLeaderboard } from './demo-leaderboard'
import { seedDemoLeads } from './demo-leads'
import { seedDemoOnboarding } from './demo-onboarding'
import { seedDemoOverlap } from './demo-overlap'
import { seedDemoQbrs } from './demo-qbr'
import { seedDemoRegistrations } from './demo-registrations'
import { seedDemoSupport } from './demo-support'
import { seedDemoTraining } from './demo-training'

export const demoLogins = {
  staff: { email: 'admin@demo.credence.dev', password: 'credence-demo' },
  partner: { email: 'partner@demo.credence.dev', password: 'credence-demo' },
} as const
export const demoSlug = 'demo'

/** A seeded generator with the helpers the demo needs. */
function seededRandom(seed: number) {
  const next = createRandom(seed)
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1))
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!
  /** A deterministic shuffle (Fisher–Yates) of a copy. */
  const shuffle = <T>(items: readonly T[]): T[] => {
    const copy = [...items]
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1))
      ;[copy[i], copy[j]] = [copy[j]!, copy[i]!]
    }
    return copy
  }
  return { next, int, pick, shuffle, chance: (p: number) => next() < p }
}

export interface SeedResult {
  orgId: string
  partners: number
  accounts: number
  deals: number
  touchpoints: number
}

/** Seeds the demo org unless it exists; returns null when it was already there. */
export async function seedDemo(
  database: Database,
  options: { asOf?: Date; seed?: number; secret?: string } = {},
): Promise<SeedResult | null> {
  const { db } = database
  if (await findOrgBySlug(db, demoSlug)) return null
  const asOf = new Date(options.asOf ?? new Date())
  asOf.setUTCHours(0, 0, 0, 0)
  const clock: Clock = fixedClock(asOf)
  const rnd = seededRandom(options.seed ?? 20261124)
  const day = 86_400_000

  const org = await createOrg(db, { name: 'Northwind Cloud', slug: demoSlug }, clock)
  const scope: Scope = systemScope(org.id)
  const deps = { clock, partners: { findPartner: async () => null } }

  // partners: the first distributor carries eight resellers below it. Each joined on its own day,
  // most before the two years of deals, a few during them and the onboarding ones lately; it is
  // created on that day (its "since" and first status entry) and touches only deals after it.
  type PlannedPartner = {
    name: string
    type: PartnerType
    status: 'active' | 'onboarding' | 'suspended' | 'churned'
    sinceDays: number
    underDistributor: boolean
  }
  const planned: PlannedPartner[] = []
  for (const { type, names } of partnerPlan) {
    for (const name of names) {
      const resellerIndex = type === 'reseller' ? planned.filter((p) => p.type === 'reseller').length : -1
      const drawn = rnd.chance(0.85) ? 'active' : rnd.pick(['onboarding', 'suspended', 'churned'] as const)
      const status = name === 'Bluefin Resellers' ? 'active' : drawn
      const sinceDays =
        planned.length === 0
          ? 1150
          : status === 'onboarding'
            ? rnd.int(20, 120)
            : name === 'Bluefin Resellers' || rnd.chance(0.8)
              ? rnd.int(780, 1100)
              : rnd.int(300, 700)
      planned.push({
        name,
        type,
        status,
        sinceDays,
        underDistributor: resellerIndex >= 0 && resellerIndex < 8,
      })
    }
  }
  const partnerIds: { id: string; type: PartnerType; name: string; since: Date; status: string }[] = []
  // oldest first, so the distributor exists before its resellers and the audit log runs forward in time
  for (const plan of [...planned].sort((x, y) => y.sinceDays - x.sinceDays)) {
    const since = new Date(asOf.getTime() - plan.sinceDays * day + rnd.int(8, 17) * 3_600_000)
    const slug = plan.name.toLowerCase().replace(/[^a-z0-9]+/g, '')
    const country = rnd.pick(countries)
    const certified = plan.type === 'reseller' || plan.type === 'distributor' ? ['certified'] : []
    const partner = await createPartner(
      db,
      scope,
      {
        name: plan.name,
        type: plan.type,
        status: plan.status,
        parentId: plan.underDistributor ? partnerIds[0]!.id : null,
        country,
        currency: currencyOf[country] ?? 'USD',
        tags: [regionOf[country]!, ...certified],
        websiteDomain: `${slug}.example`,
        contacts: [
          {
            name: `${rnd.pick(['Morgan', 'Taylor', 'Jamie', 'Drew', 'Quinn'])} ${rnd.pick(['Ellis', 'Hayes', 'Reed', 'Shaw', 'Park'])}`,
            email: `partners@${slug}.example`,
            isPrimary: true,
          },
        ],
      },
      { clock: fixedClock(since) },
    )
    partnerIds.push({ id: partner.id, type: plan.type, name: plan.name, since, status: plan.status })
  }
  const demoPartner = partnerIds.find((p) => p.name === 'Bluefin Resellers')!

  const admin = await createUser(
    db,
    scope,
    {
      email: demoLogins.staff.email,
      name: 'Avery Admin',
      password: demoLogins.staff.password,
      role: 'owner',
    },
    deps,
  )
  const manager = await createUser(
    db,
    scope,
    {
      email: 'manager@demo.credence.dev',
      name: 'Morgan Manager',
      password: demoLogins.staff.password,
      role: 'partner_manager',
    },
    deps,
  )
  await createUser(
    db,
    scope,
    {
      email: 'finance@demo.credence.dev',
      name: 'Fin Ance',
      password: demoLogins.staff.password,
      role: 'finance',
    },
    deps,
  )
  const partnerLogin = await createUser(
    db,
    scope,
    {
      email: demoLogins.partner.email,
      name: 'Pat Partner',
      password: demoLogins.partner.password,
      role: 'partner_admin',
      partnerId: demoPartner.id,
    },
    { clock, partners: { findPartner: async () => ({ id: demoPartner.id, name: demoPartner.name }) } },
  )

  // accounts: distinct names from the word lists, each with its own domain and the industry its name implies
  const names = words1.flatMap((w1) =>
    Object.keys(words2).flatMap((w2) => words3.map((w3) => [w1, w2, w3].filter(Boolean).join(' '))),
  )
  const accountRows = rnd
    .shuffle(names)
    .slice(0, 1200)
    .map((name, i) => {
      const second = name.split(' ')[1]!
      return {
        orgId: org.id,
        id: journeyIds.account(),
        name,
        domain: `${name.toLowerCase().replace(/[^a-z0-9]+/g, '')}.example`,
        country: rnd.pick(countries),
        industry: words2[second] ?? 'Software',
        source: 'demo',
        externalId: `acct-${i}`,
        createdAt: new Date(asOf.getTime() - 760 * day),
        updatedAt: asOf,
      }
    })

  // deals: new business first, then at most one renewal and one expansion of each won deal that is
  // old enough, then new business again up to the total
  const dealRows: DealRow[] = []
  const touchRows: TouchpointRow[] = []
  const touchingPartners = partnerIds.filter((p) => p.type !== 'distributor' && p.status !== 'onboarding')
  const localDealCurrencies = new Set(['EUR', 'GBP', 'CAD', 'AUD'])
  const addDeal = (i: number, type: 'new' | 'renewal' | 'expansion', parent?: DealRow) => {
    const account = parent ? accountRows.find((a) => a.id === parent.accountId)! : rnd.pick(accountRows)
    const openedAt = new Date(
      parent
        ? parent.closedAt!.getTime() + (type === 'renewal' ? 330 : rnd.int(60, 300)) * day
        : asOf.getTime() - rnd.int(1, 730) * day,
    )
    if (openedAt > asOf) return
    const ageDays = (asOf.getTime() - openedAt.getTime()) / day
    const start = openedAt.getTime() - 21 * day
    // who touches: a few partners that had joined by then (the demo reseller on a good share), and/or
    // internal sellers
    const joined = touchingPartners.filter((p) => p.since.getTime() <= start)
    const touchers = rnd.chance(0.18)
      ? []
      : [
          ...new Set(
            Array.from({ length: rnd.int(1, 3) }, () =>
              rnd.chance(0.12) || joined.length === 0 ? demoPartner : rnd.pick(joined),
            ),
          ),
        ]
    const quality = touchers.reduce(
      (q, p) => q + (p.type === 'reseller' || p.type === 'alliance' ? 0.12 : 0.06),
      0,
    )
    const isClosed = ageDays > rnd.int(45, 140)
    const status = !isClosed
      ? 'open'
      : rnd.chance(0.3 + quality + (type === 'renewal' ? 0.35 : 0))
        ? 'won'
        : 'lost'
    const closedAt = isClosed
      ? new Date(Math.min(asOf.getTime(), openedAt.getTime() + rnd.int(30, 120) * day))
      : null
    const local = currencyOf[account.country] ?? 'USD'
    const currency = localDealCurrencies.has(local) && rnd.chance(0.7) ? local : 'USD'
    const product = parent
      ? (parent.name.split(' — ')[1] ?? 'Platform')
      : rnd.pick(['Platform', 'Team plan', 'Enterprise', 'Pilot', 'Growth plan'])
    const base =
      type === 'new'
        ? Math.exp(rnd.next() * 3.9) * 4000
        : (Number(parent!.amountMinor) / 100) * (type === 'renewal' ? 1.05 : 0.4)
    const deal: DealRow = {
      orgId: org.id,
      id: journeyIds.deal(),
      name: `${account.name} — ${product}${type === 'renewal' ? ` renewal ${openedAt.getUTCFullYear()}` : type === 'expansion' ? ' expansion' : ''}`,
      accountId: account.id,
      amountMinor: BigInt(Math.round(base)) * 100n,
      currency: parent?.currency ?? currency,
      stage:
        status === 'open'
          ? rnd.pick(['qualification', 'discovery', 'proposal', 'negotiation'])
          : status === 'won'
            ? 'closed_won'
            : 'closed_lost',
      status,
      type,
      openedAt,
      closedAt,
      // the CRM's close date on open deals: some ahead, some already passed (slipped deals)
      expectedCloseAt:
        status === 'open' ? new Date(openedAt.getTime() + (40 + ((i * 37) % 150)) * day) : null,
      owner: rnd.pick(sellers),
      parentDealId: parent?.id ?? null,
      source: 'demo',
      externalId: `deal-${i}`,
      createdAt: openedAt,
      updatedAt: closedAt ?? openedAt,
    }
    dealRows.push(deal)
    const end = (closedAt ?? asOf).getTime()
    const count = Math.max(1, Math.min(8, touchers.length * rnd.int(1, 3) + rnd.int(0, 2)))
    for (let t = 0; t < count; t++) {
      const partner =
        touchers.length > 0 && (t < touchers.length || rnd.chance(0.7))
          ? touchers[t % touchers.length]!
          : null
      touchRows.push({
        orgId: org.id,
        id: journeyIds.touchpoint(),
        dealId: deal.id,
        actorKind: partner ? 'partner' : 'direct',
        partnerId: partner?.id ?? null,
        seller: partner ? null : deal.owner!,
        activityType: partner ? rnd.pick(activitiesByType[partner.type]) : rnd.pick(sellerActivities),
        occurredAt: new Date(start + rnd.next() * (end - start)),
        notes: null,
        source: 'demo',
        externalId: `touch-${i}-${t}`,
        createdAt: asOf,
        updatedAt: asOf,
      })
    }
  }
  const total = 3000
  let dealNumber = 0
  while (dealNumber < 2300) addDeal(dealNumber++, 'new')
  const wonOld = dealRows.filter(
    (d) => d.status === 'won' && d.closedAt!.getTime() < asOf.getTime() - 200 * day,
  )
  for (const parent of wonOld) {
    if (dealRows.length < total && rnd.chance(0.75)) addDeal(dealNumber++, 'renewal', parent)
    if (dealRows.length < total && rnd.chance(0.35)) addDeal(dealNumber++, 'expansion', parent)
  }
  while (dealRows.length < total) addDeal(dealNumber++, 'new')

  // how partners are paid: resellers and distributors on a tiered rate, everyone else on a flat 10%
  // with renewals for a year; the lines follow once the org's credit is computed
  await createPlan(
    db,
    scope,
    {
      name: 'Partner commissions',
      kind: 'commission',
      currency: 'USD',
      effectiveFrom: new Date(asOf.getTime() - 800 * day).toISOString().slice(0, 10),
      terms: {
        audience: true,
        matchPolicy: 'first',
        holdDays: 30,
        recurring: { months: 12 },
        clawback: { days: 90 },
        window: null,
        tiers: {
          period: 'quarter',
          mode: 'marginal',
          brackets: [
            { fromMinor: '0', rate: '0.08' },
            { fromMinor: '10000000', rate: '0.12' },
          ],
        },
        rules: [
          {
            id: 'resellers',
            label: 'Resellers and distributors, tiered by quarter',
            when: { in: [{ var: 'partner.type' }, ['reseller', 'distributor']] },
            tiered: true,
          },
          { id: 'everyone', label: 'Every other partner', when: true, rate: '0.1' },
        ],
      },
    },
    clock,
  )

  // partner tiers on attributed revenue over the last year: placed once the org's credit is computed
  await createLadder(
    db,
    scope,
    {
      name: 'Partner tiers',
      definition: {
        mode: 'automatic',
        graceDays: 30,
        periodMonths: 12,
        currency: 'USD',
        audience: true,
        levels: [
          { key: 'bronze', name: 'Bronze', criteria: [] },
          {
            key: 'silver',
            name: 'Silver',
            criteria: [
              { kind: 'attributed_revenue', minMinor: '25000000' },
              { kind: 'attributed_deals', min: 15 },
            ],
          },
          {
            key: 'gold',
            name: 'Gold',
            criteria: [
              { kind: 'attributed_revenue', minMinor: '30000000' },
              { kind: 'attributed_deals', min: 20 },
              {
                kind: 'partner',
                label: 'certified partner',
                when: { in: ['certified', { var: 'partner.tags' }] },
              },
            ],
          },
        ],
      },
    },
    clock,
  )

  // one bulk load, announced once, so subscribers (credit, tiers …) compute the whole org afterwards
  await bulkLoadFacts(
    db,
    scope,
    { accounts: accountRows, deals: dealRows, touchpoints: touchRows },
    { reason: 'demo seed', clock },
  )

  // territories route new registrations to their partner manager; EMEA Software narrows EMEA, so the
  // list shows an overlap warning
  const territoryPlans = [
    { name: 'North America', ownerUserId: manager.id, countries: ['US', 'CA'], partnerIds: [demoPartner.id] },
    { name: 'EMEA', ownerUserId: admin.id, countries: ['DE', 'FR', 'GB', 'NL'] },
    { name: 'EMEA Software', ownerUserId: manager.id, countries: ['DE', 'FR'], industries: ['Software'] },
  ]
  for (const plan of territoryPlans)
    await createTerritory(
      db,
      scope,
      { partnerIds: [], regions: [], industries: [], namedAccounts: [], ...plan },
      clock,
    )

  // what the demo partner's admin does in the seed is done as them
  const demoPartnerAdmin: Scope & { partnerId: string } = {
    orgId: org.id,
    actor: { type: 'user', id: partnerLogin.id, role: 'partner_admin' },
    partnerId: demoPartner.id,
  }

  // registrations in every state, against the accounts and open deals just loaded
  const openDeal = dealRows.find((d) => d.status === 'open' && d.type === 'new')!
  await seedDemoRegistrations(db, scope, {
    asOf,
    // the demo partner's own registrations are theirs, so decisions on them reach their dev mail
    demoPartner: demoPartnerAdmin,
    rivalPartnerId: partnerIds.find(
      (p) => p.type === 'reseller' && p.status === 'active' && p.id !== demoPartner.id,
    )!.id,
    openDealAccount: accountRows.find((a) => a.id === openDeal.accountId)!.name,
  })

  // leads routed by the same territories: some to each owner, one no territory takes, one converted
  await seedDemoLeads(db, scope, { asOf, convertedDealId: openDeal.id })
  // the win chance the demo's sales team gives each open stage: the forecast weighs deals by it
  await setStageProbabilities(
    db,
    scope,
    {
      items: [
        { stage: 'qualification', probability: '0.1' },
        { stage: 'discovery', probability: '0.25' },
        { stage: 'proposal', probability: '0.5' },
        { stage: 'negotiation', probability: '0.7' },
      ],
    },
    clock,
  )
  // the demo partner's goals for this quarter: revenue under the paying model, and won deals
  const quarter = `${asOf.getUTCFullYear()}-Q${Math.floor(asOf.getUTCMonth() / 3) + 1}`
  for (const goal of [
    { metric: 'revenue' as const, target: '150000', currency: 'USD' },
    { metric: 'deals' as const, target: '6' },
  ])
    await setGoal(db, scope, { partnerId: demoPartner.id, quarter, ...goal }, clock)

  // courses with quizzes, and people of the demo partner and another who took them
  const otherPartner = partnerIds.find(
    (p) => p.type === 'reseller' && p.status === 'active' && p.id !== demoPartner.id,
  )!
  const { essentialsCourseId } = await seedDemoTraining(db, scope, { asOf, demoPartner, otherPartner })

  // an onboarding workflow in two versions, with partners activated, midway and overdue
  await seedDemoOnboarding(db, scope, {
    asOf,
    managerId: manager.id,
    demoPartner,
    partners: partnerIds.filter(
      (p) =>
        (p.type === 'reseller' || p.type === 'referral') &&
        p.id !== demoPartner.id &&
        p.since.getTime() < asOf.getTime() - 100 * day,
    ),
    essentialsCourseId,
  })

  // a distributor busy co-selling without a win yet, disputing its credit: at risk on the Health page
  const distributors = partnerIds.filter((p) => p.type === 'distributor')
  await seedDemoHealth(db, scope, {
    asOf,
    partnerId: (
      distributors.find((p) => p.status === 'active' && p.id !== partnerIds[0]!.id) ?? distributors.at(-1)!
    ).id,
    accountIds: accountRows.slice(0, 4).map((a) => a.id),
  })

  // the leaderboard, on in the portal: the demo partner and the active resellers and referral partners
  await seedDemoLeaderboard(db, scope, {
    clock,
    demoPartner: demoPartnerAdmin,
    partnerIds: partnerIds
      .filter(
        (p) =>
          (p.type === 'reseller' || p.type === 'referral') &&
          p.status === 'active' &&
          p.id !== demoPartner.id,
      )
      .map((p) => p.id),
  })

  // two partners' account lists, matched with the org's accounts (the key derives from the server's secret)
  if (options.secret)
    await seedDemoOverlap(db, scope, {
      secret: options.secret,
      clock,
      accounts: accountRows.map((a) => ({ name: a.name, domain: a.domain ?? null })),
      demoPartnerId: demoPartner.id,
      otherPartnerId: otherPartner.id,
    })

  // support tickets in every state: one breaching its SLA, one due soon, one with an internal note
  await seedDemoSupport(db, {
    asOf,
    partnerScope: demoPartnerAdmin,
    managerScope: { orgId: org.id, actor: { type: 'user', id: manager.id, role: 'partner_manager' } },
    otherPartnerId: otherPartner.id,
  })

  // last quarter's business reviews: the demo partner's shared in its portal, another reseller's private
  await seedDemoQbrs(
    db,
    { orgId: org.id, actor: { type: 'user', id: admin.id, role: 'admin' } },
    {
      asOf,
      sharedPartnerId: demoPartner.id,
      privatePartnerId: otherPartner.id,
      dealIds: [
        ...new Set(
          touchRows
            .filter((t) => t.partnerId === demoPartner.id || t.partnerId === otherPartner.id)
            .map((t) => t.dealId),
        ),
      ],
    },
  )
  return {
    orgId: org.id,
    partners: partnerIds.length,
    accounts: accountRows.length,
    deals: dealRows.length,
    touchpoints: touchRows.length,
  }
}
