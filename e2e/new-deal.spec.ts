import { expect, test } from '@playwright/test'
import { choose, escapeRegExp, signIn, staff } from './support/session'

type Account = { id: string; name: string }

test('staff create a deal in pesos and see its exact amount', async ({ page }) => {
  await signIn(page, staff)
  const [account] = (await (await page.request.get('/api/v1/accounts?limit=1')).json()).items as Account[]
  if (!account) throw new Error('the demo org has an account')
  const name = `Bogotá rollout ${Date.now()}`

  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Deals' }).click()
  await page.getByRole('link', { name: 'New deal' }).click()
  const form = page.getByRole('form', { name: 'New deal' })
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill(name)
  await choose(page, 'Account', new RegExp(`^${escapeRegExp(account.name)}`), account.name)
  await form.getByRole('textbox', { name: 'Amount' }).fill('1234.56')
  await choose(page, 'Currency', /^COP/, 'COP')
  await choose(page, 'Type', 'Expansion')
  await form.getByRole('button', { name: 'Create deal' }).click()

  await expect(page).toHaveURL(/\/deals\/deal_[^/]+$/)
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
  await expect(page.getByText(/COP\s1,234\.56/)).toBeVisible()
  const id = page.url().split('/').at(-1)
  const saved = (await (await page.request.get(`/api/v1/deals/${id}`)).json()) as {
    amount: { amountMinor: string; currency: string }
    accountId: string
    type: string
  }
  expect(saved.amount).toMatchObject({ amountMinor: '123456', currency: 'COP' })
  expect(saved.accountId).toBe(account.id)
  expect(saved.type).toBe('expansion')
})

test('a won deal needs its close date, and the server’s objection lands on the Closed field', async ({
  page,
}) => {
  await signIn(page, staff)
  await page.goto('/deals/new')
  const form = page.getByRole('form', { name: 'New deal' })
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill(`Closed too early ${Date.now()}`)
  await form.getByRole('textbox', { name: 'Amount' }).fill('500')
  await choose(page, 'Status', 'Won')
  await form.getByRole('button', { name: 'Create deal' }).click()
  const closed = form.getByLabel('Closed')
  await expect(closed).toHaveAttribute('aria-invalid', 'true')
  await expect(closed).toHaveAccessibleDescription(/when the deal was won/i)

  await form.getByLabel('Opened').fill('2025-03-10T10:00')
  await closed.fill('2025-03-01T10:00')
  await form.getByRole('button', { name: 'Create deal' }).click()
  await expect(closed).toHaveAccessibleDescription(/openedAt|opened/i)
  await expect(page).toHaveURL(/\/deals\/new$/)
})
