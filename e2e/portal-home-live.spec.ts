import { expect, test } from '@playwright/test'
import { partnerUser, postJson, signIn, staff } from './support/session'

test('a deal won with the partner’s touch moves their attributed revenue, balance and tier figures on the portal home without a reload', async ({
  page,
  browser,
}) => {
  await signIn(page, partnerUser)
  const me = (await (await page.request.get('/api/v1/me')).json()) as { partner: { id: string } }
  const balance = page.getByRole('region', { name: 'Your balance' })
  await expect(balance.getByRole('link', { name: 'Every commission line' })).toBeVisible()
  const total = balance.getByRole('region', { name: 'Total' }).first()
  await expect(total).toBeVisible()
  const totalBefore = await total.textContent()
  const attributed = page.getByRole('region', { name: 'Attributed revenue' })
  await expect(attributed.getByRole('table')).toBeVisible()
  const attributedBefore = await attributed.textContent()
  // the tier card works its figures out from credit: the count of attributed deals is on it
  const tier = page.getByRole('region', { name: 'Tier' })
  const deals = tier.getByText(/attributed deals in the last/).first()
  await expect(deals).toBeVisible()
  const dealsBefore = await deals.textContent()
  let reloads = 0
  page.on('load', () => {
    reloads++
  })

  // staff, in their own browser, record a deal the partner referred and won
  const staffPage = await (await browser.newContext()).newPage()
  await signIn(staffPage, staff)
  const closedAt = new Date().toISOString()
  const deal = await postJson<{ id: string }>(staffPage, '/api/v1/deals', {
    name: `Live portal ${Date.now()}`,
    amount: '48000',
    currency: 'USD',
    status: 'won',
    openedAt: new Date(Date.now() - 30 * 86_400_000).toISOString(),
    closedAt,
  })
  await postJson(staffPage, '/api/v1/touchpoints', {
    dealId: deal.id,
    actor: { kind: 'partner', partnerId: me.partner.id },
    activityType: 'referral',
    occurredAt: new Date(Date.now() - 20 * 86_400_000).toISOString(),
  })
  await staffPage.context().close()

  // the credit, then the commission it earns, reach the open page through the partner's live feed
  await expect(attributed).not.toHaveText(attributedBefore ?? '', { timeout: 30_000 })
  await expect(total).not.toHaveText(totalBefore ?? '', { timeout: 30_000 })
  await expect(deals).not.toHaveText(dealsBefore ?? '', { timeout: 30_000 })
  expect(reloads).toBe(0)
})
