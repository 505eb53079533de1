import { expect, test } from '@playwright/test'
import { listAll, partnerUser, signIn, signInThroughApi, staff } from './support/session'

type Deal = { id: string; name: string; partnerIds: string[] }
type Touch = { actor: { kind: 'partner'; partnerId: string } | { kind: 'direct'; seller: string } }

test('the demo partner sees only deals their partner touched', async ({ page, request }) => {
  await signIn(page, partnerUser)
  const me = (await (await page.request.get('/api/v1/me')).json()) as {
    partner: { id: string; name: string } | null
  }
  expect(me.partner, 'the demo partner user belongs to a partner').not.toBeNull()
  const partnerId = me.partner?.id ?? ''

  await page.getByRole('tab', { name: 'Deals' }).click()
  const table = page.getByRole('table', { name: 'Your deals' })
  await expect(table).toBeVisible()
  const links = table.getByRole('link')
  await expect(links.first()).toBeVisible()
  const shownIds = (await links.evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href') ?? '')))
    .filter((href) => href.startsWith('/portal/deals/'))
    .map((href) => decodeURIComponent(href.split('/').pop() ?? ''))
  expect(shownIds.length).toBeGreaterThan(0)

  const visible = await listAll<Deal>(page.request, '/api/v1/deals')
  expect(visible.length).toBeGreaterThan(0)
  for (const deal of visible) expect(deal.partnerIds, `deal ${deal.name}`).toContain(partnerId)
  const visibleIds = new Set(visible.map((deal) => deal.id))
  for (const id of shownIds) expect(visibleIds.has(id), `deal ${id} on the page`).toBe(true)

  const touches = await listAll<Touch>(page.request, '/api/v1/touchpoints')
  for (const touch of touches) expect(touch.actor).toMatchObject({ kind: 'partner', partnerId })

  await signInThroughApi(request, staff)
  const all = await listAll<Deal>(request, '/api/v1/deals')
  const other = all.find((deal) => !deal.partnerIds.includes(partnerId))
  expect(other, 'the demo org has a deal this partner did not touch').toBeDefined()
  if (!other) return

  const answer = await page.request.get(`/api/v1/deals/${other.id}`)
  expect(answer.status()).toBe(404)
  await page.goto(`/portal/deals/${other.id}`)
  await expect(page.getByText('Deal not found')).toBeVisible()
})
