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

test('a won deal logged elsewhere moves the dashboard’s partner figure without a reload', async ({
  page,
}) => {
  await signIn(page, staff)
  type Line = { currency: string; partnerWon: { amountMinor: string } }
  const usdLine = async () => {
    const view = (await (await page.request.get('/api/v1/attribution/dashboard')).json()) as {
      currencies: Line[]
    }
    return view.currencies.find((line) => line.currency === 'USD')
  }
  // the demo's credit is computed in the background after start
  await expect.poll(async () => (await usdLine())?.partnerWon.amountMinor ?? '0').not.toBe('0')
  const before = BigInt((await usdLine())!.partnerWon.amountMinor)
  const partners = await listAll<Partner>(page.request, '/api/v1/partners?status=active')
  const partner = partners[0]
  if (!partner) throw new Error('the demo has active partners')

  await page.goto('/')
  const figure = page
    .getByRole('region', { name: 'Partners against direct' })
    .getByRole('link', { name: 'USD won value credited to partners' })
  const dollars = (minor: bigint) =>
    new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(
      `${minor / 100n}.${String(minor % 100n).padStart(2, '0')}` as Intl.StringNumericLiteral,
    )
  await expect(figure).toHaveText(dollars(before))
  let reloads = 0
  page.on('load', () => {
    reloads++
  })

  // another tab (here: the API with the same session) logs a won deal that one partner brought
  const me = (await (await page.request.get('/api/v1/me')).json()) as { csrfToken: string }
  const headers = { 'x-csrf-token': me.csrfToken }
  const now = new Date().toISOString()
  const deal = await page.request.post('/api/v1/deals', {
    headers,
    data: {
      name: `Live won ${Date.now()}`,
      amount: '1234.56',
      currency: 'USD',
      status: 'won',
      openedAt: new Date(Date.now() - 30 * 86_400_000).toISOString(),
      closedAt: now,
    },
  })
  expect(deal.status(), await deal.text()).toBe(201)
  const touch = await page.request.post('/api/v1/touchpoints', {
    headers,
    data: {
      dealId: ((await deal.json()) as { id: string }).id,
      actor: { kind: 'partner', partnerId: partner.id },
      activityType: 'referral',
      occurredAt: new Date(Date.now() - 10 * 86_400_000).toISOString(),
    },
  })
  expect(touch.status(), await touch.text()).toBe(201)

  // its only touch is the partner's: the whole amount is credited to partners
  await expect(figure).toHaveText(dollars(before + 123_456n), { timeout: 15_000 })
  expect(reloads).toBe(0)
})
