// Programs' records and routes for the API suites that span every route.
import { created, type ModuleFixture } from '../../platform/fixtures'

const definition = {
  mode: 'review',
  graceDays: 30,
  currency: 'USD',
  levels: [
    { key: 'member', name: 'Member', criteria: [] },
    { key: 'gold', name: 'Gold', criteria: [{ kind: 'attributed_revenue', minMinor: '100000' }] },
  ],
}

const territoryBody = (ids: Readonly<Record<string, string>>, name: string) => ({
  name,
  ownerUserId: ids.user!,
  partnerIds: [ids.partner!],
  countries: ['DE', 'FR'],
  industries: ['Software'],
  namedAccounts: ['fixture-account.example'],
})

export const programsFixture: ModuleFixture = {
  async seed(client, ids) {
    const ladder = await created(
      client.post('/api/v1/programs/ladders', { name: 'Fixture ladder', definition }),
      'tier ladder',
    )
    const evaluation = await created(client.post('/api/v1/programs/evaluations', {}), 'tier evaluation')
    // the review ladder proposes the entry level for the fixture partner
    await created(
      client.post(`/api/v1/programs/partners/${ids.partner}/tier/evaluate`, {}),
      'tier evaluation',
    )
    const proposals = (await client.get('/api/v1/programs/proposals')).json<{ items: { id: string }[] }>()
    if (!proposals.items[0]) throw new Error('fixture tier proposal: none was made')
    const territory = await created(
      client.post('/api/v1/programs/territories', territoryBody(ids, 'Fixture territory')),
      'territory',
    )
    return {
      ladder: ladder.id!,
      tierEvaluation: evaluation.id!,
      tierProposal: proposals.items[0].id,
      territory: territory.id!,
    }
  },
  routes: (ids) => ({
    'POST /api/v1/programs/ladders': { body: { name: 'Another ladder', definition } },
    'GET /api/v1/programs/ladders/{id}': { params: { id: ids.ladder! } },
    'PATCH /api/v1/programs/ladders/{id}': { params: { id: ids.ladder! }, body: { name: 'Renamed ladder' } },
    'GET /api/v1/programs/evaluations/{id}': { params: { id: ids.tierEvaluation! } },
    'POST /api/v1/programs/proposals/{id}/approve': { params: { id: ids.tierProposal! }, body: {} },
    'POST /api/v1/programs/proposals/{id}/reject': {
      params: { id: ids.tierProposal! },
      body: { reason: 'Not this quarter' },
    },
    'POST /api/v1/programs/territories': { body: territoryBody(ids, 'Another territory') },
    'GET /api/v1/programs/territories/{id}': { params: { id: ids.territory! } },
    'PATCH /api/v1/programs/territories/{id}': {
      params: { id: ids.territory! },
      body: { name: 'Renamed territory', regions: ['DACH'] },
    },
    'DELETE /api/v1/programs/territories/{id}': { params: { id: ids.territory! } },
    'GET /api/v1/programs/partners/{id}/tier': { params: { id: ids.partner! } },
    'POST /api/v1/programs/partners/{id}/tier/evaluate': { params: { id: ids.partner! } },
  }),
  lists: [
    '/api/v1/programs/ladders',
    '/api/v1/programs/evaluations',
    '/api/v1/programs/proposals',
    '/api/v1/programs/tiers',
    '/api/v1/programs/tiers/summary',
    '/api/v1/programs/territories',
    '/api/v1/programs/territories/match?country=DE&industry=Software&domain=fixture-account.example',
  ],
}
