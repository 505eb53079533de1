import { expect, type Page, test } from '@playwright/test'
import { signIn, staff } from './support/session'

type Counts = { total: number; byStatus: Record<string, number> }

/** Records every request for the partner list, which no page needs just to count or name partners. */
function watchPartnerLists(page: Page): string[] {
  const seen: string[] = []
  page.on('request', (request) => {
    const url = new URL(request.url())
    if (url.pathname === '/api/v1/partners') seen.push(url.search)
  })
  return seen
}

test('the dashboard counts partners from the server summary, without downloading the partner list', async ({
  page,
}) => {
  const lists = watchPartnerLists(page)
  await signIn(page, staff)
  const counts = (await (await page.request.get('/api/v1/partners/summary')).json()) as Counts
  const partners = page.getByRole('region', { name: 'Partners', exact: true })
  await expect(partners).toContainText(counts.total.toLocaleString('en-US'))
  await expect(partners).toContainText(`${(counts.byStatus.active ?? 0).toLocaleString('en-US')} active`)
  await expect(page.getByRole('heading', { name: 'Partners by type' })).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Partners by status' })).toBeVisible()
  expect(lists).toEqual([])
})

test('the users page names each user’s partner without downloading every partner', async ({ page }) => {
  const lists = watchPartnerLists(page)
  await signIn(page, staff)
  await page.goto('/settings/users')
  const partnerUser = page.getByRole('table', { name: 'Users' }).getByRole('row').filter({
    hasText: 'partner@demo.credence.dev',
  })
  await expect(partnerUser).toBeVisible()
  await expect(partnerUser.getByRole('cell').nth(2)).not.toHaveText(/^(…|—)$/)
  expect(lists).toEqual([])
})
