import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, createHarness, type Harness } from '../../http/test-harness'

const levels = [
  { key: 'bronze', name: 'Bronze', criteria: [] },
  { key: 'gold', name: 'Gold', criteria: [{ kind: 'attributed_revenue', minMinor: '40000000' }] },
]

describe('programs API', () => {
  let h: Harness
  let orgId: string
  let manager: Client
  let mine: Client
  let own: string
  let other: string

  beforeAll(async () => {
    h = await createHarness()
    orgId = await h.createOrg('programs')
    manager = await h.signIn(orgId, 'partner_manager')
    own = (await manager.post('/api/v1/partners', { name: 'Own', type: 'reseller' })).json().id
    other = (await manager.post('/api/v1/partners', { name: 'Other', type: 'reseller' })).json().id
    mine = await h.signIn(orgId, 'partner_admin', { partnerId: own })
  })
  afterAll(async () => h?.close())

  const create = (definition: Record<string, unknown>) =>
    manager.post('/api/v1/programs/ladders', { name: 'Tiers', definition })

  it('creates a ladder in the org’s reporting currency, and versions it on a new definition', async () => {
    const res = await create({ levels })
    expect(res.statusCode, res.body).toBe(201)
    const ladder = res.json()
    expect(ladder).toMatchObject({
      name: 'Tiers',
      isActive: true,
      version: 1,
      definition: { mode: 'automatic', graceDays: 30, periodMonths: 12, currency: 'USD', levels },
    })
    const changed = await manager.patch(`/api/v1/programs/ladders/${ladder.id}`, {
      definition: { mode: 'review', graceDays: 14, levels },
    })
    expect(changed.statusCode, changed.body).toBe(200)
    expect(changed.json()).toMatchObject({
      version: 2,
      definition: { mode: 'review', graceDays: 14 },
      versions: [{ version: 2 }, { version: 1, definition: { mode: 'automatic' } }],
    })
    const audit = await h.testDb.database.query<{ action: string }>(
      `select action from audit_log where org_id = $1 and entity_id = $2 order by seq`,
      [orgId, ladder.id],
    )
    expect(audit.rows.map((r) => r.action)).toEqual(['tier_ladder.created', 'tier_ladder.changed'])
  })

  it.each([
    [
      'a repeated level key',
      { levels: [levels[0], { ...levels[1], key: 'bronze' }] },
      'definition.levels[1].key',
      'another level already has the key bronze',
    ],
    [
      'a repeated level name',
      { levels: [levels[0], { ...levels[1], name: 'bronze' }] },
      'definition.levels[1].name',
      'another level is already named bronze',
    ],
    [
      'two revenue criteria on a level',
      {
        levels: [
          {
            key: 'gold',
            name: 'Gold',
            criteria: [
              { kind: 'attributed_revenue', minMinor: '1' },
              { kind: 'attributed_revenue', minMinor: '2' },
            ],
          },
        ],
      },
      'definition.levels[0].criteria[1].kind',
      'the level already has an attributed revenue criterion',
    ],
    [
      'an unknown json-logic operator',
      {
        levels: [
          {
            key: 'eu',
            name: 'EU',
            criteria: [{ kind: 'partner', label: 'EU', when: { regex: ['x', 'y'] } }],
          },
        ],
      },
      'definition.levels[0].criteria[0].when',
      null,
    ],
  ])('refuses %s, naming the field', async (_name, definition, path, message) => {
    const res = await create(definition)
    expect(res.statusCode, res.body).toBe(422)
    expect(String(res.headers['content-type'])).toContain('application/problem+json')
    const error = res.json().errors.find((e: { path: string }) => e.path.startsWith(path))
    expect(error, res.body).toBeDefined()
    if (message) expect(error.message).toBe(message)
  })

  it.each([
    [{ levels: [] }, 'definition.levels'],
    [{ levels: [{ key: 'Gold Tier', name: 'Gold' }] }, 'definition.levels.0.key'],
    [{ levels, graceDays: -1 }, 'definition.graceDays'],
    [
      { levels: [{ key: 'x', name: 'X', criteria: [{ kind: 'attributed_revenue', minMinor: '12.5' }] }] },
      'definition.levels.0.criteria.0.minMinor',
    ],
    [
      { levels: [{ key: 'x', name: 'X', criteria: [{ kind: 'karma', min: 1 }] }] },
      'definition.levels.0.criteria.0',
    ],
  ])('refuses bad input at the edge as problem+json naming %j', async (definition, path) => {
    const res = await create(definition)
    expect(res.statusCode).toBe(400)
    expect(
      res
        .json()
        .errors.map((e: { path: string }) => e.path)
        .join(' '),
    ).toContain(path.replace('definition', ''))
  })

  it('refuses partner users on staff routes', async () => {
    const ladder = (await manager.get('/api/v1/programs/ladders')).json().items[0]
    const refused = [
      await mine.post('/api/v1/programs/ladders', { name: 'Mine', definition: { levels } }),
      await mine.patch(`/api/v1/programs/ladders/${ladder.id}`, { name: 'Mine' }),
      await mine.post('/api/v1/programs/evaluations'),
      await mine.get('/api/v1/programs/ladders'),
      await mine.get('/api/v1/programs/proposals'),
      await mine.get('/api/v1/programs/tiers'),
      await mine.get('/api/v1/programs/tiers/summary'),
      await mine.post(`/api/v1/programs/partners/${own}/tier/evaluate`),
    ]
    expect(refused.map((r) => r.statusCode)).toEqual([403, 403, 403, 403, 403, 403, 403, 403])
    expect((await mine.get(`/api/v1/programs/ladders/${ladder.id}`)).statusCode).toBe(404)
    const analyst = await h.signIn(orgId, 'analyst')
    expect((await analyst.post('/api/v1/programs/evaluations')).statusCode).toBe(403)
    expect((await analyst.get('/api/v1/programs/tiers')).statusCode).toBe(200)
  })

  it('shows a partner user only their own tier', async () => {
    await manager.post(`/api/v1/programs/partners/${own}/tier/evaluate`)
    const res = await mine.get('/api/v1/programs/my-tier')
    expect(res.statusCode, res.body).toBe(200)
    expect(res.json()).toMatchObject({
      partnerId: own,
      // the ladder is in review mode now: the entry level waits for staff
      tier: null,
      qualifies: { key: 'bronze' },
      next: { key: 'bronze', met: true },
      pendingProposal: { to: { key: 'bronze' } },
    })
    expect((await mine.get(`/api/v1/programs/partners/${own}/tier`)).json().partnerId).toBe(own)
    expect((await mine.get(`/api/v1/programs/partners/${other}/tier`)).statusCode).toBe(404)
    expect((await manager.get('/api/v1/programs/my-tier')).statusCode).toBe(403)
  })

  it('lists evaluated partners by tier with progress to the next level, and counts them per level', async () => {
    const proposal = (await manager.get(`/api/v1/programs/proposals?partnerId=${own}`)).json().items[0]
    expect((await manager.post(`/api/v1/programs/proposals/${proposal.id}/approve`, {})).statusCode).toBe(200)
    const page = (await manager.get('/api/v1/programs/tiers?tier=bronze')).json()
    expect(page).toMatchObject({
      total: 1,
      items: [
        {
          partnerId: own,
          partnerName: 'Own',
          tier: { key: 'bronze', name: 'Bronze' },
          next: { key: 'gold', summary: '$0 of $400K' },
        },
      ],
    })
    const summary = (await manager.get('/api/v1/programs/tiers/summary')).json()
    expect(
      summary.ladders[0].levels.map((l: { key: string; partners: number }) => [l.key, l.partners]),
    ).toEqual([
      ['bronze', 1],
      ['gold', 0],
    ])
    expect(summary.pendingProposals).toBe(0)
  })
})
