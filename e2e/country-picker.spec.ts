import { expect, test } from '@playwright/test'
import { choose, signIn, staff } from './support/session'

test('the country is picked by its name, and "Netherlands" is the Netherlands, not Niger', async ({
  page,
}) => {
  const name = `Polder Partners ${Date.now()}`
  await signIn(page, staff)
  await page.goto('/partners/new')
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name)
  await choose(page, 'Type', 'Referral')

  const country = page.getByRole('combobox', { name: 'Country', exact: true })
  await country.click()
  await country.fill('Netherlands')
  await expect(page.getByRole('option', { name: 'Netherlands', exact: true })).toBeVisible()
  await expect(page.getByRole('option', { name: 'Niger' })).toHaveCount(0)
  await page.getByRole('option', { name: 'Netherlands', exact: true }).click()
  await page.getByRole('button', { name: 'Create partner' }).click()

  await expect(page).toHaveURL(/\/partners\/(?!new)[^/]+$/)
  const id = page.url().split('/').at(-1)
  const saved = (await (await page.request.get(`/api/v1/partners/${id}`)).json()) as { country: string }
  expect(saved.country).toBe('NL')
  await expect(page.getByText('Netherlands', { exact: true })).toBeVisible()
})
