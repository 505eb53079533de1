import { expect, test } from '@playwright/test'
import { signIn, staff } from './support/session'

type Split = { deals: number; won: number; winRate: number | null }
type Dashboard = { withPartners: Split; withoutPartners: Split; currencies: { currency: string }[] }

test('the dashboard compares deals with and without partner credit, from the server', async ({ page }) => {
  await signIn(page, staff)
  let dashboard: Dashboard | null = null
  // the demo's credit is computed in the background after start
  await expect
    .poll(async () => {
      dashboard = (await (await page.request.get('/api/v1/attribution/dashboard')).json()) as Dashboard
      return dashboard.withPartners.deals
    })
    .toBeGreaterThan(0)
  if (!dashboard) return
  const { withPartners, withoutPartners, currencies } = dashboard as Dashboard
  await page.goto('/')
  const card = page.getByRole('region', { name: 'Partners against direct' })
  await expect(card).toBeVisible()
  const rate = (split: Split) => `${Math.round((split.winRate ?? 0) * 100)}% won`
  await expect(card).toContainText(`Deals with partner credit${rate(withPartners)}`)
  await expect(card).toContainText(`Deals without partners${rate(withoutPartners)}`)
  await expect(card).toContainText(`of ${withPartners.deals.toLocaleString('en-US')} closed deals`)
  for (const line of currencies) await expect(card).toContainText(`${line.currency}: partners`)
})
