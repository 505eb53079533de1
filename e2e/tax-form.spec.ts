import { expect, test } from '@playwright/test'
import { choose, partnerUser, signIn, staff } from './support/session'

test('a partner signs a W-9, corrects a refused SSN on its field, and staff approve it', async ({
  page,
  browser,
}) => {
  const legalName = `Jordan Tax ${Date.now()}`
  await signIn(page, partnerUser)
  await page.getByRole('tab', { name: 'Tax form' }).click()
  await expect(page).toHaveURL(/\/portal\/tax-form$/)
  await expect(page.getByRole('heading', { name: 'Tax form', level: 1 })).toBeVisible()
  // a partner with a form on file starts a new one deliberately (it replaces the one on file)
  await expect(page.getByText('Loading your tax form…')).toHaveCount(0)
  const startNew = page.getByRole('button', { name: 'Submit a new form' })
  if (await startNew.isVisible()) await startNew.click()

  await choose(page, 'Country', /^United States$/, 'United States')
  await page.getByRole('textbox', { name: 'Name (as shown on your income tax return)' }).fill(legalName)
  await choose(page, 'Federal tax classification', /^Individual/)
  await page.getByRole('textbox', { name: 'Address', exact: true }).fill('12 Main Street')
  await page.getByRole('textbox', { name: 'City' }).fill('Portland')
  await page.getByRole('textbox', { name: 'State' }).fill('OR')
  await page.getByRole('textbox', { name: 'ZIP code' }).fill('97201')
  await choose(page, 'Kind of tax id', /^SSN/)
  const tin = page.getByRole('textbox', { name: 'Taxpayer identification number', exact: true })
  // area 666 is never issued by the SSA
  await tin.fill('666-12-3456')
  await page.getByRole('checkbox', { name: /Under penalties of perjury/ }).check()
  await page.getByRole('textbox', { name: 'Signed by' }).fill('Jordan Tax')
  await page.getByRole('button', { name: 'Sign and submit Form W-9' }).click()

  // a password-style input (the tax id is hidden while typed) marks itself invalid with data-invalid
  await expect(tin).toHaveAttribute('data-invalid', 'true')
  await expect(tin).toHaveAccessibleDescription(/area number/)
  await expect(page.getByLabel('Your tax form on file').getByText(legalName)).toHaveCount(0)

  await tin.fill('536-90-4172')
  await page.getByRole('button', { name: 'Sign and submit Form W-9' }).click()
  const onFile = page.getByLabel('Your tax form on file')
  await expect(onFile).toContainText(legalName)
  await expect(onFile).toContainText('In review')
  await expect(onFile).toContainText('•••-••-4172')
  await expect(page.getByText('536-90-4172')).toHaveCount(0)

  const staffPage = await browser.newPage()
  await signIn(staffPage, staff)
  await staffPage
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Tax' })
    .click()
  await expect(staffPage).toHaveURL(/\/tax$/)
  const row = staffPage.getByRole('row', { name: new RegExp(legalName) })
  await expect(row).toContainText('•••-••-4172')
  await row.getByRole('button', { name: /^Approve/ }).click()
  await expect(staffPage.getByText(/Approved the Form W-9/)).toBeVisible()
  await expect(row).toHaveCount(0)
  await staffPage.getByText('Approved', { exact: true }).first().click()
  await expect(staffPage.getByRole('row', { name: new RegExp(legalName) })).toContainText('Approved')
  await staffPage.getByRole('tab', { name: '1099-NEC report' }).click()
  await expect(staffPage.getByRole('combobox', { name: 'Payment year' })).toBeVisible()
  await expect(staffPage.getByRole('link', { name: 'Download CSV' })).toHaveAttribute(
    'href',
    /\/api\/v1\/incentives\/tax\/1099\.csv\?year=\d{4}$/,
  )
  await staffPage.close()

  await page.reload()
  await expect(page.getByLabel('Your tax form on file')).toContainText('Approved')
})
