import { expect, test } from '@playwright/test'
import { postJson, signIn, staff } from './support/session'

const nothing = 'zz-matches-nothing-zz'

for (const [path, table, title, clear] of [
  ['/partners', 'Partners', 'No partners match', 'Clear filters'],
  ['/deals', 'Deals', 'No deals match', 'Clear filters'],
  ['/accounts', 'Accounts', 'No accounts match', 'Clear search'],
] as const) {
  test(`a search of ${table.toLowerCase()} that matches nothing says so and offers to clear it`, async ({
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

test('an account without deals says where deals come from and starts a deal for it', async ({ page }) => {
  await signIn(page, staff)
  const name = `Quiet account ${Date.now()}`
  const account = await postJson<{ id: string }>(page, '/api/v1/accounts', { name })
  await page.goto(`/accounts/${account.id}`)
  await expect(page.getByText('No deals with this account')).toBeVisible()
  await page.getByRole('link', { name: 'New deal' }).click()
  await expect(
    page.getByRole('form', { name: 'New deal' }).getByRole('combobox', { name: 'Account' }),
  ).toHaveValue(name)
})
