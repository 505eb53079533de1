import { expect, test } from '@playwright/test'
import { signIn, staff } from './support/session'

type Forecast = {
  periods: Array<{ key: string; deals: number; total: { likely: { amountMinor: string } } }>
  backtest: Array<{ key: string }>
  probability: { source: string; label: string }
}

test('staff read the partner forecast by quarter and month, regroup the pipeline and change a stage’s win chance', async ({
  page,
}) => {
  await signIn(page, staff)
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Forecast' })
    .click()
  await expect(page.getByRole('heading', { name: 'Forecast', level: 1 })).toBeVisible()
  const forecast = async (query = '') =>
    (await (await page.request.get(`/api/v1/forecast${query}`)).json()) as Forecast
  const quarterly = await forecast()
  // the demo's sales team set stage probabilities, so the forecast weighs deals by stage
  expect(quarterly.probability.source).toBe('stages')
  expect(quarterly.periods.some((p) => p.deals > 0)).toBe(true)
  const chart = page.getByRole('region', { name: 'Likely partner revenue' })
  await expect(chart.getByText(quarterly.probability.label)).toBeVisible()
  const periods = page.getByRole('table', { name: 'Forecast by period' })
  for (const period of quarterly.periods)
    await expect(periods.getByRole('row', { name: new RegExp(period.key) })).toBeVisible()
  const backtest = page.getByRole('table', { name: 'Backtest by quarter' })
  for (const quarter of quarterly.backtest)
    await expect(backtest.getByRole('row', { name: new RegExp(quarter.key) })).toBeVisible()

  await page.getByRole('radiogroup', { name: 'Periods' }).getByText('Months').click()
  const monthly = await forecast('?granularity=month')
  await expect(periods.getByRole('row', { name: new RegExp(monthly.periods[0]!.key) })).toBeVisible()

  const pipeline = page.getByRole('region', { name: 'Partner pipeline' })
  await expect(
    pipeline.getByRole('table', { name: 'Pipeline groups' }).getByRole('row', { name: /proposal/ }),
  ).toBeVisible()
  await pipeline.getByRole('radiogroup', { name: 'Group the pipeline by' }).getByText('Source').click()
  await expect(
    pipeline.getByRole('table', { name: 'Pipeline groups' }).getByRole('row', { name: /Partner-sourced/ }),
  ).toBeVisible()

  // a higher chance for proposals raises the forecast; put back afterwards
  const stages = page.getByRole('region', { name: 'Stage probabilities' })
  const proposal = stages.getByRole('textbox', { name: 'Win chance of proposal' })
  await expect(proposal).toHaveValue('50')
  await proposal.fill('90')
  await stages.getByRole('button', { name: 'Save probabilities' }).click()
  await expect(page.getByText('Stage probabilities saved')).toBeVisible()
  const raised = await forecast()
  const total = (f: Forecast) => f.periods.reduce((sum, p) => sum + BigInt(p.total.likely.amountMinor), 0n)
  expect(total(raised)).toBeGreaterThan(total(quarterly))
  await proposal.fill('50')
  await stages.getByRole('button', { name: 'Save probabilities' }).click()
  await expect.poll(async () => total(await forecast())).toBe(total(quarterly))
})

test('an open deal shows the partners who win deals like it, with the samples behind each', async ({
  page,
}) => {
  await signIn(page, staff)
  type Recommendations = { similarDeals: number; items: Array<{ name: string; reason: string }> }
  const deals = (await (await page.request.get('/api/v1/deals?status=open&limit=50')).json()) as {
    items: Array<{ id: string }>
  }
  // the first open deal with partners ranked (deals other specs open have none like them)
  let dealId = ''
  let api: Recommendations = { similarDeals: 0, items: [] }
  for (const deal of deals.items) {
    api = (await (
      await page.request.get(`/api/v1/deals/${deal.id}/partner-recommendations`)
    ).json()) as Recommendations
    dealId = deal.id
    if (api.items.length > 0) break
  }
  await page.goto(`/deals/${dealId}`)
  const card = page.getByRole('region', { name: 'Partners who win deals like this' })
  await expect(card.getByText(`${api.similarDeals} closed deals alike in`)).toBeVisible()
  // the demo's partners have worked enough deals like it to be ranked
  expect(api.items.length).toBeGreaterThan(0)
  await expect(card.getByText(api.items[0]!.reason)).toBeVisible()
})
