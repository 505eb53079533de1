import { expect, type Page, test } from '@playwright/test'
import { signIn, staff } from './support/session'

async function firstName(page: Page, path: string): Promise<string> {
  const response = await page.request.get(path)
  expect(response.status(), await response.text()).toBe(200)
  const [first] = ((await response.json()) as { items: { name: string }[] }).items
  if (!first) throw new Error(`${path} has rows`)
  return first.name
}

const firstRowLink = (page: Page, table: string) =>
  page.getByRole('table', { name: table }).getByRole('row').nth(1).getByRole('link').first()

test('partners sort by name from the header, reverse on a second click, and keep the order on reload', async ({
  page,
}) => {
  await signIn(page, staff)
  await page.goto('/partners')
  const header = page.getByRole('columnheader', { name: 'Name' })
  await expect(page.getByRole('columnheader', { name: 'Added' })).toHaveAttribute('aria-sort', 'descending')
  await expect(header).toHaveAttribute('aria-sort', 'none')

  await header.getByRole('button').click()
  await expect(page).toHaveURL(/[?&]sort=name(&|$)/)
  await expect(header).toHaveAttribute('aria-sort', 'ascending')
  await expect(firstRowLink(page, 'Partners')).toHaveText(
    await firstName(page, '/api/v1/partners?sort=name&limit=1'),
  )

  await header.getByRole('button').click()
  await expect(page).toHaveURL(/[?&]sort=-name(&|$)/)
  await expect(header).toHaveAttribute('aria-sort', 'descending')
  const last = await firstName(page, '/api/v1/partners?sort=-name&limit=1')
  await expect(firstRowLink(page, 'Partners')).toHaveText(last)

  await page.reload()
  await expect(page.getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'descending')
  await expect(firstRowLink(page, 'Partners')).toHaveText(last)
})

test('deals sort by amount, largest first, and a new sort starts again from the first page', async ({
  page,
}) => {
  await signIn(page, staff)
  await page.goto('/deals')
  const footer = page.getByRole('status').filter({ hasText: /of .* deals/ })
  await expect(footer).toContainText('1–50 of')
  await page.getByRole('button', { name: 'Load more' }).click()
  await expect(footer).toContainText('1–100 of')

  const amount = page.getByRole('columnheader', { name: 'Amount' })
  await amount.getByRole('button').click()
  await expect(page).toHaveURL(/[?&]sort=-amount(&|$)/)
  await expect(amount).toHaveAttribute('aria-sort', 'descending')
  await expect(footer).toContainText('1–50 of')
  await expect(firstRowLink(page, 'Deals')).toHaveText(
    await firstName(page, '/api/v1/deals?sort=-amount&limit=1'),
  )
})

test('accounts sort by name and the order is in a link that can be shared', async ({ page }) => {
  await signIn(page, staff)
  await page.goto('/accounts?sort=-name')
  await expect(page.getByRole('columnheader', { name: 'Account' })).toHaveAttribute('aria-sort', 'descending')
  await expect(firstRowLink(page, 'Accounts')).toHaveText(
    await firstName(page, '/api/v1/accounts?sort=-name&limit=1'),
  )
  await page.getByRole('columnheader', { name: 'Account' }).getByRole('button').click()
  await expect(page).toHaveURL(/[?&]sort=name(&|$)/)
  await expect(firstRowLink(page, 'Accounts')).toHaveText(
    await firstName(page, '/api/v1/accounts?sort=name&limit=1'),
  )
})
