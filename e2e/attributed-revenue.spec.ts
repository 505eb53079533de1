import { expect, test } from '@playwright/test'
import { listModels, type Money, usd } from './support/credit'
import { partnerUser, signIn, staff } from './support/session'

type Totals = {
  model: { name: string }
  items: Array<{ actor: string; partnerName: string | null; currency: string; won: Money; pipeline: Money }>
}

async function readTotals(page: import('@playwright/test').Page): Promise<Totals> {
  let totals: Totals = { model: { name: '' }, items: [] }
  await expect
    .poll(async () => {
      totals = (await (await page.request.get('/api/v1/attribution/totals')).json()) as Totals
      return totals.items.some((item) => item.actor !== 'direct')
    })
    .toBe(true)
  return totals
}

test('the dashboard ranks partners by attributed revenue and each leads to its partner page', async ({
  page,
}) => {
  await signIn(page, staff)
  const totals = await readTotals(page)
  const top = totals.items.find((item) => item.actor !== 'direct')
  if (!top) throw new Error('no partner credit')
  const models = (await listModels(page.request)).filter((m) => m.role !== 'off')
  const card = page.getByRole('region', { name: 'Top partners by attributed revenue' })
  await expect(card).toContainText(totals.model.name)
  const row = card.getByRole('row').first()
  await expect(row).toContainText(usd(top.won))
  await row.getByRole('link', { name: top.partnerName ?? '', exact: true }).click()
  await expect(page).toHaveURL(new RegExp(`/partners/${top.actor}$`))

  // the partner page shows that partner's own totals, and only theirs
  const own = totals.items.filter((item) => item.actor === top.actor)
  const attributed = page.getByRole('region', { name: 'Attributed revenue' })
  const table = attributed.getByRole('table', { name: 'Attributed revenue by currency' })
  await expect(table.getByRole('row')).toHaveCount(own.length + 1)
  for (const item of own) {
    await expect(table).toContainText(usd(item.won))
    await expect(table).toContainText(usd(item.pipeline))
  }
  // their credit month by month, a line per enabled model, the paying one among them
  const overTime = page.getByRole('region', { name: 'Credit over time' })
  await expect(overTime).toContainText('under each enabled model')
  await expect(overTime.locator('.recharts-line')).toHaveCount(models.length)
  await expect(overTime.locator('.recharts-legend-wrapper')).toContainText(totals.model.name)
  await attributed.getByRole('link', { name: 'Their deals and credit' }).click()
  await expect(page).toHaveURL(new RegExp(`/deals\\?partnerId=${top.actor}`))
})

test('a partner sees their attributed won revenue and pipeline on the portal home', async ({ page }) => {
  await signIn(page, partnerUser)
  const totals = await readTotals(page)
  const attributed = page.getByRole('region', { name: 'Attributed revenue' })
  await expect(attributed).toContainText(totals.model.name)
  const table = attributed.getByRole('table', { name: 'Attributed revenue by currency' })
  await expect(table.getByRole('row')).toHaveCount(totals.items.length + 1)
  for (const item of totals.items) {
    await expect(table).toContainText(usd(item.won))
    await expect(table).toContainText(usd(item.pipeline))
  }
  // and month by month, under the paying model alone
  const overTime = page.getByRole('region', { name: 'Your credit over time' })
  await expect(overTime).toContainText(`under ${totals.model.name}`)
  await expect(overTime.locator('.recharts-line')).toHaveCount(1)
})
