import { expect, test } from '@playwright/test'
import { attributionOf } from './support/credit'
import { listAll, signIn, staff } from './support/session'

type Partner = { id: string; name: string }
type Deal = { id: string; name: string }

test('a touch logged elsewhere shows up in a deal’s credit without a reload', async ({ page }) => {
  await signIn(page, staff)
  const deals = (await (await page.request.get('/api/v1/deals?status=won&limit=5')).json()) as {
    items: Deal[]
  }
  const deal = deals.items[0]
  expect(deal, 'the demo has a won deal').toBeDefined()
  if (!deal) return
  const before = await attributionOf(page.request, deal.id)
  const partners = await listAll<Partner>(page.request, '/api/v1/partners?status=active')
  const newcomer = partners.find((p) => !before.credits.some((c) => c.actor === p.id))
  expect(newcomer, 'an active partner has no credit on the deal yet').toBeDefined()
  if (!newcomer) return

  await page.goto(`/deals/${deal.id}`)
  const panel = page.getByRole('region', { name: 'Why this credit' })
  await expect(panel).toBeVisible()
  await expect(panel.getByRole('region', { name: `Credit for ${newcomer.name}` })).toHaveCount(0)
  let reloads = 0
  page.on('load', () => {
    reloads++
  })

  // another tab (here: the API with the same session) logs a touch by a partner new to the deal
  const me = (await (await page.request.get('/api/v1/me')).json()) as { csrfToken: string }
  // a touch shortly before the deal's own first counted touch, so every model counts it
  const detail = (await (await page.request.get(`/api/v1/deals/${deal.id}`)).json()) as {
    touchpoints: { occurredAt: string }[]
  }
  const closedAt = detail.touchpoints.at(-1)?.occurredAt ?? new Date().toISOString()
  const touch = await page.request.post('/api/v1/touchpoints', {
    headers: { 'x-csrf-token': me.csrfToken },
    data: {
      dealId: deal.id,
      actor: { kind: 'partner', partnerId: newcomer.id },
      activityType: 'demo',
      occurredAt: closedAt,
    },
  })
  expect(touch.status(), await touch.text()).toBe(201)

  await expect(panel.getByRole('region', { name: `Credit for ${newcomer.name}` })).toBeVisible({
    timeout: 15_000,
  })
  expect(reloads).toBe(0)
})
