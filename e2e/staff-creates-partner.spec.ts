import { expect, test } from '@playwright/test'
import { choose, signIn, staff } from './support/session'

test('staff create a partner with a tag and a contact, and land on its page', async ({ page }) => {
  const name = `Northwind Resale ${Date.now()}`
  await signIn(page, staff)

  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Partners' })
    .click()
  await expect(page.getByRole('heading', { name: 'Partners', level: 1 })).toBeVisible()
  await page.getByRole('link', { name: 'New partner' }).click()

  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name)
  await choose(page, 'Type', 'Reseller')
  await page.getByLabel('Website domain').fill('northwind-resale.example')
  await choose(page, 'Country', 'Germany', 'Germ')
  const tags = page.getByRole('combobox', { name: 'Tags' })
  await tags.fill('emea')
  await tags.press('Enter')
  await page.getByRole('button', { name: 'Add contact' }).click()
  await page.getByLabel('Contact name').fill('Ada Lovelace')
  await page.getByLabel('Contact email').fill('ada@northwind-resale.example')
  await page.getByRole('button', { name: 'Create partner' }).click()

  await expect(page).toHaveURL(/\/partners\/[^/]+$/)
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
  await expect(page.getByText('northwind-resale.example', { exact: true })).toBeVisible()
  await expect(page.getByText('Ada Lovelace')).toBeVisible()
  await expect(page.getByText('emea', { exact: true })).toBeVisible()
  await expect(page.getByText('Germany', { exact: true })).toBeVisible()
})
