import { expect, test } from '@playwright/test'
import { signIn, staff } from './support/session'

test('staff see territories with their overlaps, add one, and find registrations routed to owners', async ({
  page,
}) => {
  test.setTimeout(120_000)
  await signIn(page, staff)
  const nav = page.getByRole('navigation', { name: 'Main navigation' })
  await nav.getByRole('link', { name: 'Territories' }).click()
  await expect(page.getByRole('heading', { name: 'Territories', level: 1 })).toBeVisible()
  const table = page.getByRole('table', { name: 'Territories' })
  await expect(table.getByRole('row', { name: /^EMEA Software/ })).toContainText('Morgan Manager')
  await expect(table.getByRole('row', { name: /^EMEA Avery/ })).toContainText('overlaps EMEA Software')

  const name = `Nordics ${Date.now()}`
  await page.getByRole('button', { name: 'New territory' }).click()
  const form = page.getByRole('form', { name: 'New territory' })
  await form.getByRole('textbox', { name: 'Name' }).fill(name)
  await form.getByRole('combobox', { name: 'Owner' }).click()
  await page.getByRole('option', { name: 'Morgan Manager' }).click()
  await form.getByRole('combobox', { name: 'Countries' }).fill('Swed')
  await page.getByRole('option', { name: 'Sweden' }).click()
  await form.getByRole('button', { name: 'Save territory' }).click()
  await expect(table.getByRole('row', { name: new RegExp(name) })).toContainText('Sweden')

  await nav.getByRole('link', { name: 'Registrations' }).click()
  const queue = page.getByRole('table', { name: 'Registration queue' })
  await expect(queue.getByRole('row', { name: /Hooli Search/ })).toContainText('Morgan Manager')
  await queue.getByRole('link', { name: 'Hooli Search' }).click()
  await expect(page.getByRole('region', { name: 'Registration' })).toContainText(
    'routed to the EMEA Software territory: country DE, industry Software',
  )
})
