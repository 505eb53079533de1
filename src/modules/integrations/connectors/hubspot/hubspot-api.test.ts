import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HubSpotApi } from './hubspot-api'
import { HubSpotFake } from './hubspot-fake.test-support'

// Paging as HubSpot pages: lists follow `paging.next.after` to the end, and a search past HubSpot's
// result window starts again from the newest change read — every record once, none lost.
describe('HubSpot API paging', () => {
  const fake = new HubSpotFake('pat-paging-token')
  let api: HubSpotApi
  beforeAll(async () => {
    const baseUrl = await fake.start()
    fake.pageCap = 2
    fake.searchWindow = 6
    for (let i = 0; i < 15; i++) fake.add('deals', { dealname: `Deal ${i}` })
    api = new HubSpotApi({
      credentials: { kind: 'private_app', accessToken: 'pat-paging-token' },
      baseUrl,
      renew: async () => undefined,
      searchWindow: 6,
    })
  })
  afterAll(() => fake.stop())

  it('lists every page', async () => {
    const ids: string[] = []
    for await (const page of api.list('deals', ['dealname'], [])) ids.push(...page.map((d) => d.id))
    expect(ids).toHaveLength(15)
    expect(new Set(ids).size).toBe(15)
    expect(fake.requests.filter((r) => r === 'GET /crm/v3/objects/deals')).toHaveLength(8)
  })

  it('searches past the result window by starting again from the newest change read', async () => {
    const ids: string[] = []
    for await (const page of api.modifiedSince('deals', new Date(0).toISOString(), ['dealname']))
      ids.push(...page.map((d) => d.id))
    expect(ids.sort()).toEqual([...fake.table('deals').keys()].sort())
    // three searches: each pages to the window's end, the last to the end of the results
    expect(fake.requests.filter((r) => r === 'POST /crm/v3/objects/deals/search').length).toBeGreaterThan(7)
  })
})
