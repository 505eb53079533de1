import { expect, test } from '@playwright/test'
import { currencyExponent } from '../src/money/currency'
import { signIn, staff } from './support/session'

type Total = { currency: string; amountMinor: string; amount: string; deals: number }
type Summary = {
  total: number
  byStatus: { open: number; won: number; lost: number }
  openPipeline: Total[]
  wonRevenue: Total[]
}

test('the dashboard shows the open pipeline and won revenue in every currency, from the server summary', async ({
  page,
}) => {
  const dealListRequests: string[] = []
  page.on('request', (request) => {
    const url = new URL(request.url())
    if (url.pathname === '/api/v1/deals') dealListRequests.push(url.search)
  })
  await signIn(page, staff)
  const summary = (await (await page.request.get('/api/v1/deals/summary')).json()) as Summary
  expect(summary.openPipeline.length, 'the demo has open deals in several currencies').toBeGreaterThan(1)

  for (const [title, totals, what, count] of [
    ['Open pipeline', summary.openPipeline, 'open', summary.byStatus.open],
    ['Won revenue', summary.wonRevenue, 'won', summary.byStatus.won],
  ] as const) {
    const card = page.getByRole('region', { name: title })
    await expect(card).toContainText(
      `${count.toLocaleString('en-US')} ${what} deals in ${totals.length} currencies`,
    )
    const rows = card.getByRole('table', { name: `${title} by currency` }).getByRole('row')
    await expect(rows).toHaveCount(totals.length + 1)
    for (const total of totals) {
      const shown = new Intl.NumberFormat('en-US', {
        style: 'currency',
        currency: total.currency,
        minimumFractionDigits: currencyExponent(total.currency),
      }).format(total.amount as Intl.StringNumericLiteral)
      const row = rows.filter({ hasText: total.currency })
      await expect(row).toContainText(shown)
      await expect(row).toContainText(total.deals.toLocaleString('en-US'))
    }
  }
  await expect(page.getByRole('heading', { name: 'Deals by type and status' })).toBeVisible()
  expect(dealListRequests, 'the dashboard counts on the server, never by downloading deals').toEqual([])
})
