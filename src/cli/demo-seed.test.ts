import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb } from '../db/test-db'
import { queueRecompute, runRecompute } from '../modules/credits'
import { computeOrgHealth } from '../modules/programs'
import { fixedClock } from '../platform/clock'
import { regionOf } from './demo-catalog'
import { seedDemo } from './demo-seed'

const asOf = new Date('2026-11-01T00:00:00Z')

describe('demo seed', () => {
  let first: TestDb
  let second: TestDb
  beforeAll(async () => {
    first = await createTestDb()
    second = await createTestDb()
    await seedDemo(first.database, { asOf, seed: 7 })
    await seedDemo(second.database, { asOf, seed: 7 })
    // two whole demo orgs, each with its business reviews' credit worked out
  }, 300_000)
  afterAll(async () => {
    await first?.close()
    await second?.close()
  })

  const q = <Row>(t: TestDb, sql: string) => t.database.query<Row>(sql).then((r) => r.rows)

  it('builds a SaaS vendor with ~60 partners of every type, and a distributor with resellers', async () => {
    const types = await q<{ type: string; n: number }>(
      first,
      'select type, count(*)::int as n from partners group by type order by type',
    )
    expect(types.map((t) => t.type)).toEqual([
      'affiliate',
      'agency',
      'alliance',
      'distributor',
      'marketplace_app',
      'referral',
      'reseller',
      'technology',
    ])
    expect(types.reduce((s, t) => s + t.n, 0)).toBe(60)
    const [chain] = await q<{ n: number }>(
      first,
      "select count(*)::int as n from partners c join partners p on p.org_id = c.org_id and p.id = c.parent_id where p.type = 'distributor' and c.type = 'reseller'",
    )
    expect(chain!.n).toBeGreaterThanOrEqual(5)
  })

  it('has ~3,000 deals over two years: won, lost and open; new, renewals and expansions', async () => {
    const [deals] = await q<{ n: number; span: number }>(
      first,
      "select count(*)::int as n, extract(day from max(opened_at) - min(opened_at))::int as span from deals where source = 'demo'",
    )
    expect(deals!.n).toBe(3000)
    expect(deals!.span).toBeGreaterThan(600)
    const statuses = await q<{ status: string }>(first, 'select distinct status from deals order by status')
    expect(statuses.map((s) => s.status)).toEqual(['lost', 'open', 'won'])
    const kinds = await q<{ type: string; parented: number; n: number }>(
      first,
      'select type, count(parent_deal_id)::int as parented, count(*)::int as n from deals group by type order by type',
    )
    expect(kinds.map((k) => k.type)).toEqual(['expansion', 'new', 'renewal'])
    for (const k of kinds) expect(k.parented).toBe(k.type === 'new' ? 0 : k.n)
  })

  it('gives every deal 1–8 touches from partners and internal sellers', async () => {
    const [range] = await q<{ lo: number; hi: number }>(
      first,
      'select min(n)::int as lo, max(n)::int as hi from (select d.id, count(t.id) as n from deals d left join touchpoints t on t.org_id = d.org_id and t.deal_id = d.id group by d.id) x',
    )
    expect(range).toEqual({ lo: 1, hi: 8 })
    const kinds = await q<{ actor_kind: string }>(
      first,
      'select distinct actor_kind from touchpoints order by 1',
    )
    expect(kinds.map((k) => k.actor_kind)).toEqual(['direct', 'partner'])
  })

  it('gives the demo partner user a reseller with deals of its own', async () => {
    const [row] = await q<{ type: string; deals: number }>(
      first,
      "select p.type, (select count(distinct deal_id)::int from touchpoints t where t.partner_id = p.id) as deals from users u join partners p on p.id = u.partner_id where u.email = 'partner@demo.credence.dev'",
    )
    expect(row!.type).toBe('reseller')
    expect(row!.deals).toBeGreaterThan(20)
  })

  it('has no duplicate deals: one renewal and one expansion per parent at most, no two alike', async () => {
    const [children] = await q<{ most: number }>(
      first,
      'select coalesce(max(n), 0)::int as most from (select parent_deal_id, type, count(*) as n from deals where parent_deal_id is not null group by parent_deal_id, type) x',
    )
    expect(children!.most).toBe(1)
    const twins = await q<{ name: string }>(
      first,
      'select name from deals group by account_id, name, type, status, amount_minor, currency, opened_at::date having count(*) > 1',
    )
    expect(twins).toEqual([])
    const [renewals] = await q<{ n: number }>(
      first,
      "select count(*)::int as n from deals where type = 'renewal'",
    )
    expect(renewals!.n).toBeGreaterThan(100)
  })

  it('names every account once, with a domain made from its name and no number suffixes', async () => {
    const [accounts] = await q<{ n: number; names: number; domains: number; numbered: number }>(
      first,
      "select count(*)::int as n, count(distinct name)::int as names, count(distinct domain)::int as domains, count(*) filter (where name ~ '[0-9]' or domain ~ '[0-9]')::int as numbered from accounts where source = 'demo'",
    )
    expect(accounts).toEqual({ n: 1200, names: 1200, domains: 1200, numbered: 0 })
    const mismatched = await q<{ name: string }>(
      first,
      "select name from accounts where source = 'demo' and domain <> regexp_replace(lower(name), '[^a-z0-9]+', '', 'g') || '.example'",
    )
    expect(mismatched).toEqual([])
  })

  it('tags each partner with the sales region of its country', async () => {
    const partners = await q<{ name: string; country: string; tags: string[] }>(
      first,
      'select name, country, tags from partners',
    )
    for (const partner of partners) {
      const regions = partner.tags.filter((tag) => ['na', 'emea', 'apac', 'latam'].includes(tag))
      expect({ name: partner.name, regions }).toEqual({
        name: partner.name,
        regions: [regionOf[partner.country]],
      })
    }
  })

  it('has partners that joined on different days in the past, each before its first touch', async () => {
    const [since] = await q<{ days: number; future: number }>(
      first,
      `select count(distinct created_at::date)::int as days, count(*) filter (where created_at >= '${asOf.toISOString()}')::int as future from partners`,
    )
    expect(since!.days).toBeGreaterThan(40)
    expect(since!.future).toBe(0)
    const early = await q<{ name: string }>(
      first,
      'select p.name from partners p join touchpoints t on t.org_id = p.org_id and t.partner_id = p.id group by p.id, p.name, p.created_at having min(t.occurred_at) < p.created_at',
    )
    expect(early).toEqual([])
  })

  it('gives the demo org a Bronze, Silver and Gold tier ladder', async () => {
    const [ladder] = await q<{ name: string; levels: string[] }>(
      first,
      "select l.name, array(select jsonb_array_elements(v.definition->'levels')->>'name') as levels from tier_ladders l join tier_ladder_versions v on v.org_id = l.org_id and v.ladder_id = l.id",
    )
    expect(ladder).toEqual({ name: 'Partner tiers', levels: ['Bronze', 'Silver', 'Gold'] })
  })

  it('has deal registrations in every state, one pending that meets an open deal', async () => {
    const states = await q<{ status: string; n: number }>(
      first,
      'select status, count(*)::int as n from deal_registrations group by status order by status',
    )
    expect(states).toEqual([
      { status: 'approved', n: 2 },
      { status: 'info_requested', n: 1 },
      { status: 'pending', n: 2 },
      { status: 'rejected', n: 1 },
    ])
    const [conflicted] = await q<{ n: number }>(
      first,
      "select count(*)::int as n from deal_registrations where status = 'pending' and conflicts_at_submission > 0",
    )
    expect(conflicted!.n).toBe(1)
    const [touches] = await q<{ n: number }>(
      first,
      "select count(*)::int as n from touchpoints where source = 'registration' and activity_type = 'deal_registration'",
    )
    expect(touches!.n).toBe(2)
    // the demo partner registered its own: the decisions and the question were mailed to them
    const mail = await q<{ subject: string }>(
      first,
      "select subject from mail_outbox where \"to\" = 'partner@demo.credence.dev' and subject ilike '%deal registration%' order by id",
    )
    expect(mail.map((m) => m.subject.split(':')[0])).toEqual([
      'More information needed for your deal registration',
      'Deal registration approved',
      'Deal registration rejected',
    ])
  })

  it('routes registrations to the owners of its territories, the most specific one first', async () => {
    const routed = await q<{
      account_name: string
      territory: string | null
      owner: string | null
      reason: string | null
    }>(
      first,
      `select r.account_name, t.name as territory, u.name as owner, r.routing_reason as reason
         from deal_registrations r
         left join territories t on t.org_id = r.org_id and t.id = r.territory_id
         left join users u on u.org_id = r.org_id and u.id = r.assigned_to
        order by r.account_name`,
    )
    expect(routed.find((r) => r.account_name === 'Initech Systems')).toEqual({
      account_name: 'Initech Systems',
      territory: 'EMEA Software',
      owner: 'Morgan Manager',
      reason: 'routed to the EMEA Software territory: country DE, industry Software',
    })
    expect(routed.find((r) => r.account_name === 'Vandelay Imports')).toMatchObject({
      territory: 'EMEA',
      owner: 'Avery Admin',
    })
    expect(routed.every((r) => r.owner !== null)).toBe(true)
  })

  it('has leads routed by its territories, one no territory takes, and one in each later state', async () => {
    const seen = await q<{ company_name: string; status: string; owner: string | null; reason: string }>(
      first,
      `select l.company_name, l.status, u.name as owner, l.routing_reason as reason
         from leads l left join users u on u.org_id = l.org_id and u.id = l.assigned_to
        order by l.company_name`,
    )
    expect(seen.find((l) => l.company_name === 'Wayne Logistics')).toEqual({
      company_name: 'Wayne Logistics',
      status: 'new',
      owner: 'Morgan Manager',
      reason: 'routed to the EMEA Software territory: country DE, industry Software',
    })
    expect(seen.find((l) => l.company_name === 'Soylent Foods')).toMatchObject({
      owner: null,
      reason:
        'unassigned: no active territory takes country BR, region LATAM, industry Food, domain soylent-foods.example',
    })
    expect(seen.map((l) => l.status).sort()).toEqual([
      'converted',
      'disqualified',
      'new',
      'new',
      'new',
      'working',
    ])
    const converted = await q<{ n: number }>(
      first,
      "select count(*)::int as n from leads l join deals d on d.org_id = l.org_id and d.id = l.deal_id where l.status = 'converted'",
    )
    expect(converted[0]!.n).toBe(1)
  })

  it('has courses with quizzes, and certificates — one close to expiry — held by the demo partner’s people', async () => {
    const courses = await q<{ title: string; status: string; questions: number }>(
      first,
      "select title, status, coalesce(jsonb_array_length(quiz->'questions'), 0)::int as questions from courses order by title",
    )
    expect(courses).toEqual([
      { title: 'Attribution for partners', status: 'published', questions: 2 },
      { title: 'Onboarding a new customer', status: 'draft', questions: 0 },
      { title: 'Platform essentials', status: 'published', questions: 4 },
    ])
    const held = await q<{ person: string; partner: string; name: string; expires: string | null }>(
      first,
      `select u.name as person, p.name as partner, c.name, to_char(c.expires_at, 'YYYY-MM-DD') as expires
         from certificates c join users u on u.id = c.user_id join partners p on p.id = c.partner_id
        order by u.name, c.name`,
    )
    expect(held).toEqual([
      {
        person: 'Riley Reseller',
        partner: 'Bluefin Resellers',
        name: 'Attribution Specialist',
        expires: null,
      },
      {
        person: 'Riley Reseller',
        partner: 'Bluefin Resellers',
        name: 'Northwind Certified Seller',
        expires: '2026-11-16',
      },
      {
        person: 'Sam Seller',
        partner: 'Bluefin Resellers',
        name: 'Northwind Certified Seller',
        expires: '2027-09-23',
      },
    ])
    const [failed] = await q<{ n: number }>(
      first,
      'select count(*)::int as n from quiz_attempts where not is_passed',
    )
    expect(failed!.n).toBe(1)
  })

  it('has an onboarding workflow in two versions with partners activated, midway and overdue', async () => {
    const [workflow] = await q<{ version: number; status: string }>(
      first,
      "select version, status from onboarding_workflows where name = 'Reseller and referral onboarding'",
    )
    expect(workflow).toEqual({ version: 2, status: 'published' })
    const enrolments = await q<{ version: number; activated: boolean; n: number }>(
      first,
      'select version, activated_at is not null as activated, count(*)::int as n from onboarding_enrolments group by 1, 2 order by 1, 2',
    )
    // the finished stay on the first version; everyone else follows the second
    expect(enrolments).toEqual([
      { version: 1, activated: true, n: 3 },
      { version: 2, activated: false, n: expect.any(Number) },
    ])
    const [accepted] = await q<{ n: number }>(
      first,
      'select count(*)::int as n from onboarding_agreement_acceptances',
    )
    expect(accepted!.n).toBe(6)
    // the demo partner: kickoff ticked, a seller certified, the agreement still to accept
    const demo = await q<{ kind: string }>(
      first,
      `select s->>'kind' as kind
         from onboarding_enrolments e
         join partners p on p.id = e.partner_id and p.name = 'Bluefin Resellers'
         join onboarding_workflow_versions v on v.workflow_id = e.workflow_id and v.version = e.version
         cross join jsonb_array_elements(v.steps) s
         join onboarding_step_completions c on c.partner_id = e.partner_id and c.step_id = s->>'id'
        order by 1`,
    )
    expect(demo.map((d) => d.kind)).toEqual(['course', 'custom', 'profile'])
  })

  it('has support tickets in every state, one breaching its first-response SLA and one internal note', async () => {
    const tickets = await q<{ status: string; breached: boolean; partner: boolean }>(
      first,
      `select t.status, t.first_response_at is null and t.first_response_due_at < '${asOf.toISOString()}' as breached,
              p.name = 'Bluefin Resellers' as partner
         from support_tickets t join partners p on p.org_id = t.org_id and p.id = t.partner_id order by t.opened_at`,
    )
    expect(new Set(tickets.map((t) => t.status))).toEqual(
      new Set(['open', 'pending_vendor', 'pending_partner', 'resolved', 'closed']),
    )
    expect(tickets.filter((t) => t.breached && t.partner)).toHaveLength(1)
    const [notes] = await q<{ n: number }>(
      first,
      'select count(*)::int as n from support_ticket_messages where is_internal',
    )
    expect(notes!.n).toBe(1)
    // staff's answers reached the demo partner's mail; the internal note did not
    const mail = await q<{ subject: string; text: string }>(
      first,
      "select subject, text from mail_outbox where \"to\" = 'partner@demo.credence.dev' and subject ilike '%ticket%' or \"to\" = 'partner@demo.credence.dev' and subject ilike '%partner team%' order by id",
    )
    expect(mail.map((m) => m.subject.split(':')[0])).toEqual([
      'The partner team replied',
      'The partner team replied',
      'Your ticket was resolved',
    ])
    expect(mail.some((m) => m.text.includes('RevOps'))).toBe(false)
  })

  it('is deterministic: the same seed gives the same deals and touches', async () => {
    const digest = (t: TestDb) =>
      q<{ d: string }>(
        t,
        "select md5(string_agg(external_id || ':' || amount_minor || ':' || status || ':' || opened_at, ',' order by external_id)) as d from deals where source = 'demo'",
      ).then((r) => r[0]!.d)
    expect(await digest(first)).toBe(await digest(second))
    const touches = (t: TestDb) =>
      q<{ d: string }>(
        t,
        "select md5(string_agg(external_id || ':' || activity_type || ':' || occurred_at, ',' order by external_id)) as d from touchpoints where source = 'demo'",
      ).then((r) => r[0]!.d)
    expect(await touches(first)).toBe(await touches(second))
  })

  it('has last quarter’s business reviews with their figures, the demo partner’s shared in its portal', async () => {
    const reviews = await q<{ name: string; quarter: string; is_shared: boolean; revenue: string | null }>(
      first,
      `select p.name, r.quarter, r.is_shared,
              r.figures->'models'->0->'revenue'->0->'current'->>'amountMinor' as revenue
         from qbr_reviews r join partners p on p.org_id = r.org_id and p.id = r.partner_id
        order by r.is_shared desc`,
    )
    expect(reviews.map((r) => [r.quarter, r.is_shared])).toEqual([
      ['2026-Q3', true],
      ['2026-Q3', false],
    ])
    expect(reviews[0]!.name).toBe('Bluefin Resellers')
    expect(BigInt(reviews[0]!.revenue ?? '0')).toBeGreaterThan(0n)
    // sharing is announced: the worker mails the partner's admins once it delivers the event
    const [shared] = await q<{ n: number }>(
      first,
      "select count(*)::int as n from events where type = 'qbr.shared'",
    )
    expect(shared!.n).toBe(1)
  })

  it('does nothing when the demo org exists', async () => {
    expect(await seedDemo(first.database, { asOf, seed: 7 })).toBeNull()
  })

  it('scores partner health once credit is computed: partners in every band, the co-selling distributor at risk for its figures', async () => {
    const [org] = await q<{ id: string }>(first, 'select id from orgs')
    const clock = fixedClock(asOf)
    const { db } = first.database
    await runRecompute(db, org!.id, await queueRecompute(db, org!.id, 'demo health', clock), clock)
    const result = await computeOrgHealth(db, org!.id, clock)
    expect(result.partners).toBe(60)
    const bands = await q<{ band: string }>(first, 'select distinct band from partner_health order by band')
    expect(bands.map((b) => b.band)).toEqual(['at_risk', 'healthy', 'unscored', 'watch'])
    const atRisk = await q<{ reason: string }>(
      first,
      `select f->>'reason' as reason from partner_health h cross join jsonb_array_elements(h.factors) f
        where h.band = 'at_risk'`,
    )
    expect(
      atRisk.some(
        (r) => r.reason === '24 touches in 90 days, 0 attributed won revenue: high activity, low attribution',
      ),
    ).toBe(true)
    expect(atRisk.some((r) => r.reason === '3 open disputes')).toBe(true)
  })

  it('has the leaderboard switched on, with the demo partner and the active resellers and referral partners on it', async () => {
    const [settings] = await q<{ enabled: boolean; show: boolean }>(
      first,
      `select (settings->>'enabled')::boolean as enabled, (settings->>'showAmounts')::boolean as show from leaderboard_settings`,
    )
    expect(settings).toEqual({ enabled: true, show: true })
    const members = await q<{ name: string; type: string; status: string }>(
      first,
      `select p.name, p.type, p.status from leaderboard_members m join partners p on p.org_id = m.org_id and p.id = m.partner_id`,
    )
    expect(members.length).toBeGreaterThan(5)
    expect(members.map((m) => m.name)).toContain('Bluefin Resellers')
    expect(members.every((m) => ['reseller', 'referral'].includes(m.type) && m.status === 'active')).toBe(
      true,
    )
  })
})
