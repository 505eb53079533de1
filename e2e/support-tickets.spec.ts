import { type Browser, expect, type Page, test } from '@playwright/test'
import { choose, type DemoUser, partnerUser, signIn, staff } from './support/session'

async function asUser(browser: Browser, user: DemoUser): Promise<Page> {
  const page = await (await browser.newContext()).newPage()
  await signIn(page, user)
  return page
}

test('a partner opens a ticket with a file in the portal; staff answer in the inbox; the partner reads the answer, never the internal note', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000)
  const subject = `Statement total looks wrong ${Date.now()}`
  const fileText = 'line,amount\nHarbor renewal,2500.00\n'

  // the partner opens a ticket from the portal's Support tab, with a CSV attached
  const partner = await asUser(browser, partnerUser)
  await partner.getByRole('tab', { name: 'Support' }).click()
  await expect(partner.getByRole('heading', { name: 'Support', level: 1 })).toBeVisible()
  // the demo partner's own tickets are listed, another partner's are not
  const own = partner.getByRole('table', { name: 'Your tickets' })
  await expect(own).toContainText('Commission missing on the Harbor renewal')
  await expect(own).not.toContainText('Co-marketing funds')
  await partner.getByRole('button', { name: 'New ticket' }).click()
  const form = partner.getByRole('form', { name: 'New ticket' })
  await form.getByRole('textbox', { name: 'Subject' }).fill(subject)
  await choose(partner, 'Category', 'Commission')
  // the deal list offers the partner's own deals
  const deal = form.getByRole('combobox', { name: 'Deal', exact: true })
  await deal.click()
  const firstDeal = partner.getByRole('option').first()
  const dealName = (await firstDeal.textContent()) ?? ''
  await firstDeal.click()
  await form
    .getByRole('textbox', { name: 'Message' })
    .fill('The May statement adds up to less than our lines.')
  await form.locator('input[type="file"]').setInputFiles({
    name: 'may-lines.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(fileText),
  })
  await form.getByRole('button', { name: 'Open ticket' }).click()
  await expect(partner).toHaveURL(/\/portal\/support\/tkt_/)
  await expect(partner.getByRole('heading', { name: subject, level: 1 })).toBeVisible()
  const partnerThread = partner.getByRole('region', { name: 'Thread' })
  await expect(partnerThread).toContainText('adds up to less')
  await expect(partnerThread.getByRole('link', { name: 'may-lines.csv' })).toBeVisible()
  await expect(partner.getByRole('link', { name: dealName, exact: true })).toBeVisible()
  const ticketUrl = partner.url()

  // staff find it in the inbox, with the demo tickets and a breached one counted
  await signIn(page, staff)
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Tickets' })
    .click()
  await expect(page.getByRole('heading', { name: 'Tickets', level: 1 })).toBeVisible()
  await expect(page.getByRole('status', { name: 'Ticket counts' })).toContainText(/Breached: [1-9]/)
  const inbox = page.getByRole('table', { name: 'Tickets' })
  await expect(inbox.getByRole('row', { name: /Portal sign-in fails/ })).toContainText('SLA breached')
  const row = inbox.getByRole('row', { name: new RegExp(subject) })
  await expect(row).toContainText('Bluefin Resellers')
  await expect(row).toContainText('Open')
  await row.getByRole('link', { name: subject }).click()
  await expect(page.getByRole('heading', { name: subject, level: 1 })).toBeVisible()
  const thread = page.getByRole('region', { name: 'Thread' })
  const download = thread.getByRole('link', { name: 'may-lines.csv' })
  const href = await download.getAttribute('href')
  const file = await page.request.get(href ?? '')
  expect(file.headers()['content-disposition']).toContain('attachment')
  expect(await file.text()).toBe(fileText)

  // an internal note, then the reply the partner reads
  const note = page.getByRole('form', { name: 'Internal note' })
  await note.getByRole('textbox', { name: 'Note' }).fill('Statement job skipped the May adjustment run.')
  await note.getByRole('button', { name: 'Add note' }).click()
  await expect(thread).toContainText('skipped the May adjustment')
  const reply = page.getByRole('form', { name: 'Reply' })
  await reply
    .getByRole('textbox', { name: 'Message' })
    .fill('We found it: a corrected statement follows today.')
  await reply.getByRole('button', { name: 'Send reply' }).click()
  await expect(thread).toContainText('a corrected statement follows')
  await expect(page.getByRole('heading', { name: subject, level: 1 }).locator('..')).toContainText(
    'Waiting on partner',
  )

  // the partner reads the answer, and only the answer
  await partner.goto(ticketUrl)
  await expect(partnerThread).toContainText('a corrected statement follows')
  await expect(partnerThread).not.toContainText('skipped the May adjustment')
  await expect(partner.getByText('Waiting on partner', { exact: true })).toBeVisible()
})
