import { type Browser, expect, type Page, test } from '@playwright/test'
import { type DemoUser, partnerUser, signIn, staff } from './support/session'

async function asUser(browser: Browser, user: DemoUser): Promise<Page> {
  const page = await (await browser.newContext()).newPage()
  await signIn(page, user)
  return page
}

test('a partner registers a deal after a conflict warning; staff approve it and the deal shows the registration touch', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000)
  await signIn(page, partnerUser)
  await page.getByRole('tab', { name: 'Registrations' }).click()
  await expect(page.getByRole('heading', { name: 'Deal registrations', level: 1 })).toBeVisible()
  // the demo partner was asked a question about one of its registrations
  await expect(page.getByRole('region', { name: 'Question about Umbrella Health' })).toContainText(
    'economic buyer',
  )
  await page.getByRole('link', { name: 'Register a deal' }).first().click()

  const form = page.getByRole('form', { name: 'Register a deal' })
  const check = form.getByRole('region', { name: 'Conflict check' })
  // another partner holds an approved registration of Globex: the partner is told, not by whom
  await form.getByRole('textbox', { name: 'Account name' }).fill('Globex Corp')
  await expect(check).toContainText('Already registered by another partner (the same name), protected until')
  await expect(check).not.toContainText('Globex Corporation')

  const name = `Zephyr Kite Works ${Date.now()}`
  await form.getByRole('textbox', { name: 'Account name' }).fill(name)
  await expect(check).toContainText('No conflicts found')
  await form.getByRole('textbox', { name: 'Domain' }).fill(`zephyr-${Date.now()}.example`)
  await form.getByRole('textbox', { name: 'Contact name' }).fill('Kim Buyer')
  await form.getByRole('textbox', { name: 'Contact e-mail' }).fill('kim@zephyr.example')
  await form.getByRole('textbox', { name: 'Expected amount' }).fill('18500')
  await form.getByRole('textbox', { name: 'Expected close' }).fill('2030-03-31')
  const products = form.getByRole('combobox', { name: 'Products' })
  await products.fill('Platform')
  await products.press('Enter')
  await form.getByRole('button', { name: 'Submit registration' }).click()

  const mine = page.getByRole('table', { name: 'Your registrations' })
  await expect(mine.getByRole('row', { name: new RegExp(name) })).toContainText('Awaiting review')

  // staff review it in the console
  const console = await asUser(browser, staff)
  await console
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Registrations' })
    .click()
  const queue = console.getByRole('table', { name: 'Registration queue' })
  await expect(queue).toContainText('Overdue')
  await queue.getByRole('link', { name }).click()
  await expect(console.getByRole('heading', { name, level: 1 })).toBeVisible()
  await expect(console.getByRole('region', { name: 'Conflicts' })).toContainText('No conflicts found')
  const approve = console.getByRole('form', { name: 'Approve registration' })
  await approve.getByRole('textbox', { name: 'Note to the partner' }).fill('Go get it')
  await approve.getByRole('button', { name: 'Approve' }).click()
  await expect(console.getByText('Approved', { exact: true }).first()).toBeVisible()
  await expect(console.getByRole('region', { name: 'History' })).toContainText('Go get it')

  await console.getByRole('link', { name: 'View deal' }).click()
  await expect(console.getByRole('heading', { name: `${name} — Platform`, level: 1 })).toBeVisible()
  const timeline = console.getByLabel('Touch timeline')
  await expect(timeline).toContainText('Deal registration')
  await expect(timeline).toContainText('Bluefin Resellers')

  // the partner sees it approved and protected
  await page.reload()
  await expect(mine.getByRole('row', { name: new RegExp(name) })).toContainText('Protected until')
})
