import { expect, test } from '@playwright/test'
import { signIn, staff } from './support/session'

const nothing = 'zz-matches-nothing-zz'

for (const [path, table, title, clear] of [
  ['/partners', 'Partners', 'No partners match', 'Clear filters'],
  ['/deals', 'Deals', 'No deals match', 'Clear filters'],
  ['/accounts', 'Accounts', 'No accounts match', 'Clear search'],
] as const) {
  test(`a ${table.toLowerCase()} search that matches nothing says so and offers to clear it`, async ({
    page,
  }) => {
    await signIn(page, staff)
    await page.goto(`${path}?q=${nothing}&sort=name`)
    await expect(page.getByText(title)).toBeVisible()
    await page.getByRole('button', { name: clear }).click()
    await expect(page.getByRole('table', { name: table })).toBeVisible()
    await expect(page).not.toHaveURL(/q=/)
    await expect(page).toHaveURL(/sort=name/)
    await expect(page.getByRole('textbox', { name: 'Search' })).toHaveValue('')
  })
}
