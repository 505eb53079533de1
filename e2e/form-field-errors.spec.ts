import { expect, test } from '@playwright/test'
import { choose, signIn, staff } from './support/session'

test('a server validation error appears on the input it is about', async ({ page }) => {
  await signIn(page, staff)
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Partners' })
    .click()
  await page.getByRole('link', { name: 'New partner' }).click()

  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(`Bad Domain Partner ${Date.now()}`)
  await choose(page, 'Type', 'Referral')
  const website = page.getByLabel('Website domain')
  await website.fill('not a domain!')
  await page.getByRole('button', { name: 'Create partner' }).click()

  await expect(website).toHaveAttribute('aria-invalid', 'true')
  await expect(website).toHaveAccessibleDescription(/domain/i)
  await expect(page).toHaveURL(/\/partners\/new$/)

  await website.fill('valid-domain.example')
  await page.getByRole('button', { name: 'Create partner' }).click()
  await expect(page).toHaveURL(/\/partners\/(?!new)[^/]+$/)
})
