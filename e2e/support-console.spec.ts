import { type Browser, expect, type Page, test } from '@playwright/test'
import { type DemoUser, partnerUser, signIn, staff } from './support/session'

async function asUser(browser: Browser, user: DemoUser): Promise<Page> {
  const page = await (await browser.newContext()).newPage()
  await signIn(page, user)
  return page
}

async function openInbox(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Tickets' })
    .click()
  await expect(page.getByRole('heading', { name: 'Tickets', level: 1 })).toBeVisible()
}

test('staff change an SLA target in the settings form, see a bad one refused on its field, and find it saved', async ({
  page,
}) => {
  await signIn(page, staff)
  await openInbox(page)
  await page.getByRole('button', { name: 'SLA settings' }).click()
  const dialog = page.getByRole('dialog', { name: 'SLA settings' })
  const form = dialog.getByRole('form', { name: 'SLA settings' })
  const lowResolution = form.getByRole('textbox', { name: 'Low: resolution' })
  const urgentFirst = form.getByRole('textbox', { name: 'Urgent: first response' })
  await expect(urgentFirst).toHaveValue('2 h')

  // a resolution shorter than the first response is refused on its own input
  await lowResolution.fill('12')
  await form.getByRole('button', { name: 'Save settings' }).click()
  await expect(form).toContainText('must not be less than firstResponseHours')
  await expect(lowResolution).toHaveAttribute('aria-invalid', 'true')

  await lowResolution.fill('240')
  await urgentFirst.fill('3')
  await form.getByRole('textbox', { name: 'Team email' }).fill('partner-desk@demo.credence.dev')
  await form.getByRole('button', { name: 'Save settings' }).click()
  await expect(dialog).toBeHidden()

  // opened again, the form shows what was saved, and so does the API
  await page.getByRole('button', { name: 'SLA settings' }).click()
  await expect(form.getByRole('textbox', { name: 'Urgent: first response' })).toHaveValue('3 h')
  await expect(form.getByRole('textbox', { name: 'Team email' })).toHaveValue(
    'partner-desk@demo.credence.dev',
  )
  await expect(form).toContainText('Saved')
  const saved = await (await page.request.get('/api/v1/programs/support/settings')).json()
  expect(saved.settings.targets.urgent.firstResponseHours).toBe(3)
  expect(saved.isDefault).toBe(false)
})

test('staff open a ticket for a partner from the console; the partner finds it in the portal, waiting on them', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000)
  const subject = `Please send the Q3 plan ${Date.now()}`
  await signIn(page, staff)
  await openInbox(page)
  await page.getByRole('button', { name: 'New ticket' }).click()
  const dialog = page.getByRole('dialog', { name: 'New ticket for a partner' })
  const form = dialog.getByRole('form', { name: 'New ticket for a partner' })

  // nothing is sent without a partner
  await form.getByRole('button', { name: 'Open ticket' }).click()
  await expect(form).toContainText('Choose the partner the ticket is for')

  const partner = form.getByRole('combobox', { name: 'Partner', exact: true })
  await partner.click()
  await partner.fill('Bluefin')
  await page
    .getByRole('option', { name: /Bluefin Resellers/ })
    .first()
    .click()
  await form.getByRole('textbox', { name: 'Subject' }).fill(subject)
  await form.getByRole('combobox', { name: 'Category', exact: true }).click()
  await page.getByRole('option', { name: 'Question' }).click()
  await form.getByRole('combobox', { name: 'Priority', exact: true }).click()
  await page.getByRole('option', { name: 'High' }).click()
  await form
    .getByRole('textbox', { name: 'Message' })
    .fill('Could you send the Q3 joint business plan before Friday?')
  await form.getByRole('button', { name: 'Open ticket' }).click()

  await expect(page).toHaveURL(/\/support\/tkt_/)
  await expect(page.getByRole('heading', { name: subject, level: 1 })).toBeVisible()
  const header = page.getByRole('heading', { name: subject, level: 1 }).locator('..')
  await expect(header).toContainText('Waiting on partner')
  await expect(page.getByText('Bluefin Resellers', { exact: false }).first()).toBeVisible()
  await expect(page.getByLabel('Service level')).toContainText(
    'Resolution paused while waiting on the partner',
  )

  // the partner reads it in the portal and answers; it comes back to the partner team
  const portal = await asUser(browser, partnerUser)
  await portal.getByRole('tab', { name: 'Support' }).click()
  const own = portal.getByRole('table', { name: 'Your tickets' })
  await expect(own).toContainText(subject)
  await own.getByRole('link', { name: subject }).click()
  await expect(portal.getByRole('heading', { name: subject, level: 1 })).toBeVisible()
  const thread = portal.getByRole('region', { name: 'Thread' })
  await expect(thread).toContainText('Q3 joint business plan')
  await expect(portal.getByText('Waiting on partner', { exact: true })).toBeVisible()
})
