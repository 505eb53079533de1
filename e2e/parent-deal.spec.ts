import { expect, test } from '@playwright/test'
import { choose, escapeRegExp, signIn, staff } from './support/session'

type Deal = { id: string; name: string; accountId: string | null; accountName: string | null }

test('a renewal picks the won deal it renews from its account’s won deals', async ({ page }) => {
  await signIn(page, staff)
  const won = (
    (await (await page.request.get('/api/v1/deals?status=won&limit=50')).json()) as { items: Deal[] }
  ).items
  const parent = won.find((deal) => deal.accountId && deal.accountName)
  if (!parent?.accountName) throw new Error('the demo has a won deal with an account')
  const name = `Renewal ${Date.now()}`

  await page.goto('/deals/new')
  const form = page.getByRole('form', { name: 'New deal' })
  await expect(form.getByRole('combobox', { name: 'Parent deal' })).toHaveCount(0)
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill(name)
  await choose(page, 'Account', new RegExp(`^${escapeRegExp(parent.accountName)}`), parent.accountName)
  await form.getByRole('textbox', { name: 'Amount' }).fill('900')
  await choose(page, 'Type', 'Renewal')
  await choose(page, 'Parent deal', new RegExp(`^${escapeRegExp(parent.name)}`), parent.name)
  await form.getByRole('button', { name: 'Create deal' }).click()

  await expect(page).toHaveURL(/\/deals\/deal_[^/]+$/)
  const id = page.url().split('/').at(-1)
  const saved = (await (await page.request.get(`/api/v1/deals/${id}`)).json()) as {
    parentDealId: string | null
  }
  expect(saved.parentDealId).toBe(parent.id)
})

test('the parent deal offers only won deals, and the server’s objection lands on it', async ({ page }) => {
  await signIn(page, staff)
  const searches: URLSearchParams[] = []
  page.on('request', (request) => {
    const url = new URL(request.url())
    if (url.pathname === '/api/v1/deals' && request.method() === 'GET') searches.push(url.searchParams)
  })
  await page.route('**/api/v1/deals', (route) =>
    route.request().method() === 'POST'
      ? route.fulfill({
          status: 400,
          contentType: 'application/problem+json',
          body: JSON.stringify({
            type: 'about:blank',
            title: 'Bad request',
            status: 400,
            errors: [{ path: 'parentDealId', message: 'must be a won deal of the same account' }],
          }),
        })
      : route.continue(),
  )
  await page.goto('/deals/new')
  const form = page.getByRole('form', { name: 'New deal' })
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill(`Expansion ${Date.now()}`)
  await form.getByRole('textbox', { name: 'Amount' }).fill('100')
  await choose(page, 'Type', 'Expansion')
  const parent = form.getByRole('combobox', { name: 'Parent deal' })
  await parent.click()
  await page.getByRole('option').first().click()
  expect(searches.some((search) => search.get('status') === 'won')).toBe(true)
  await form.getByRole('button', { name: 'Create deal' }).click()
  await expect(parent).toHaveAttribute('aria-invalid', 'true')
  await expect(parent).toHaveAccessibleDescription(/won deal of the same account/)
})
