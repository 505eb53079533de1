import { expect, test } from '@playwright/test'
import { signIn, staff } from './support/session'

test('staff create a lead that a territory routes, assign it and route it again, then work it and convert it', async ({
  page,
}) => {
  test.setTimeout(180_000)
  await signIn(page, staff)
  const nav = page.getByRole('navigation', { name: 'Main navigation' })
  await nav.getByRole('link', { name: 'Leads' }).click()
  await expect(page.getByRole('heading', { name: 'Leads', level: 1 })).toBeVisible()
  const table = page.getByRole('table', { name: 'Leads' })
  // the demo's leads: one routed by EMEA Software, one no territory takes
  await expect(table.getByRole('row', { name: /Wayne Logistics/ })).toContainText('Morgan Manager')
  const assignee = (label: string) => page.locator('label').filter({ hasText: new RegExp(`^${label}$`) })
  await assignee('Unassigned').click()
  await expect(table.getByRole('row', { name: /Soylent Foods/ })).toContainText('Unassigned')
  await expect(table.getByRole('row', { name: /Wayne Logistics/ })).toHaveCount(0)
  await assignee('All').click()

  const name = `Kestrel Robotics ${Date.now()}`
  await page.getByRole('button', { name: 'New lead' }).click()
  const form = page.getByRole('form', { name: 'New lead' })
  await form.getByRole('textbox', { name: 'Domain' }).fill('not a domain')
  await form.getByRole('textbox', { name: 'Company' }).fill(name)
  await form.getByRole('textbox', { name: 'Contact name' }).fill('Robin Prospect')
  await form.getByRole('combobox', { name: 'Country' }).fill('Germ')
  await page.getByRole('option', { name: 'Germany' }).click()
  await form.getByRole('textbox', { name: 'Industry' }).fill('Software')
  await form.getByRole('button', { name: 'Create lead' }).click()
  // the server's refusal sits on the field it names
  await expect(form.getByText('must be a domain such as acme.example')).toBeVisible()
  await form.getByRole('textbox', { name: 'Domain' }).fill('kestrel-robotics.example')
  await form.getByRole('button', { name: 'Create lead' }).click()

  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible()
  const routing = page.getByRole('region', { name: 'Routing' })
  await expect(routing).toContainText('Assigned to Morgan Manager')
  await expect(routing).toContainText('routed to the EMEA Software territory: country DE, industry Software')
  // EMEA takes Germany too: shown as an overlap
  await expect(routing).toContainText('Other territories take this lead too')
  await expect(routing).toContainText('EMEA (Avery Admin): country DE')

  await routing.getByRole('button', { name: 'Assign to me' }).click()
  await expect(routing).toContainText('assigned by hand to Avery Admin')
  await routing.getByRole('button', { name: 'Route again' }).click()
  await expect(routing).toContainText('routed to the EMEA Software territory')
  await expect(routing).toContainText('Assigned to Morgan Manager')

  // a new lead may be disqualified at once (spam); this one is worked
  await expect(page.getByRole('form', { name: 'Disqualify lead' })).toBeVisible()
  await page.getByRole('button', { name: 'Start working' }).click()
  await expect(page.getByText('Working', { exact: true }).first()).toBeVisible()
  const convert = page.getByRole('form', { name: 'Convert lead' })
  await convert.getByRole('button', { name: 'Convert' }).click()
  await expect(convert.getByText('Pick the deal the lead became')).toBeVisible()
  await convert.getByRole('combobox', { name: 'Deal' }).click()
  const firstDeal = page.getByRole('option').first()
  const dealLabel = (await firstDeal.textContent())!.split(' · ')[0]!
  await firstDeal.click()
  await convert.getByRole('button', { name: 'Convert' }).click()
  await expect(page.getByText('Converted', { exact: true }).first()).toBeVisible()
  await expect(page.getByRole('region', { name: 'Lead' })).toContainText(dealLabel)

  await page.getByRole('link', { name: '← Leads' }).click()
  await expect(table.getByRole('row', { name: new RegExp(name) })).toContainText('Converted')
})
