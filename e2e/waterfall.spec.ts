import { expect, test } from '@playwright/test'
import { signIn, staff } from './support/session'

type Money = { amountMinor: string }
type Waterfall = {
  periods: Array<{
    key: string
    new: Money
    expansion: Money
    contraction: Money
    churn: Money
    closing: Money
  }>
  partners: Array<{ name: string }>
}

test('staff follow partner-attributed recurring revenue through the waterfall and open the deals behind a bar', async ({
  page,
}) => {
  await signIn(page, staff)
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Revenue waterfall' })
    .click()
  await expect(page.getByRole('heading', { name: 'Revenue waterfall', level: 1 })).toBeVisible()
  const waterfall = (await (await page.request.get('/api/v1/waterfall')).json()) as Waterfall
  const table = page.getByRole('table', { name: 'Waterfall by period' })
  for (const period of waterfall.periods)
    await expect(table.getByRole('row', { name: new RegExp(period.key) })).toBeVisible()
  // the demo's renewals and expansions move it: some bar has deals behind it
  const moves = ['new', 'expansion', 'contraction', 'churn'] as const
  const labels = { new: 'New', expansion: 'Expansion', contraction: 'Contraction', churn: 'Churn' }
  const bar = waterfall.periods
    .flatMap((period) =>
      moves.map((movement) => ({ period: period.key, movement, amount: period[movement] })),
    )
    .find((b) => b.amount.amountMinor !== '0')
  if (!bar) throw new Error('the demo has revenue movements')
  await table
    .getByRole('button', { name: `${labels[bar.movement]} in ${bar.period}: the deals behind it` })
    .click()
  const behind = page.getByRole('region', { name: 'Deals behind the bar' })
  const deals = (await (
    await page.request.get(`/api/v1/waterfall/deals?period=${bar.period}&movement=${bar.movement}`)
  ).json()) as { items: Array<{ name: string }>; total: Money }
  expect(deals.total.amountMinor).toBe(bar.amount.amountMinor)
  await expect(behind.getByRole('link', { name: deals.items[0]!.name })).toBeVisible()
  await expect(behind.getByRole('row')).toHaveCount(deals.items.length)
  await expect(
    page
      .getByRole('table', { name: 'By partner' })
      .getByRole('row', { name: new RegExp(waterfall.partners[0]!.name) }),
  ).toBeVisible()

  await page.getByRole('radiogroup', { name: 'Periods' }).getByText('Months').click()
  const monthly = (await (
    await page.request.get('/api/v1/waterfall?granularity=month&periods=12')
  ).json()) as Waterfall
  await expect(table.getByRole('row', { name: new RegExp(monthly.periods[0]!.key) })).toBeVisible()
  await expect(table.getByRole('row')).toHaveCount(13)
})
