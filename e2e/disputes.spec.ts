import { type APIRequestContext, type Browser, expect, type Page, test } from '@playwright/test'
import { choose, partnerUser, signIn, staff } from './support/session'

type Entry = { id: string; reason: string | null; dealName: string | null }
type Dispute = {
  id: string
  subject: string
  status: string
  entryId: string | null
  adjustment: { amountMinor: string; amount: string; currency: string } | null
  /** messages and the adjustment come only with a dispute read on its own */
  messages: { message: string; evidence: string[] }[]
}

const entries = async (request: APIRequestContext): Promise<Entry[]> => {
  const response = await request.get('/api/v1/incentives/entries?limit=50')
  return response.ok() ? ((await response.json()) as { items: Entry[] }).items : []
}

const disputes = async (request: APIRequestContext): Promise<Dispute[]> =>
  ((await (await request.get('/api/v1/incentives/disputes')).json()) as { items: Dispute[] }).items

async function asUser(browser: Browser, user: typeof staff): Promise<Page> {
  const page = await (await browser.newContext()).newPage()
  await signIn(page, user)
  return page
}

test('a partner disputes a line with evidence; finance answers on the thread and closes it with an adjustment', async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000)
  await signIn(page, staff)
  const partner = await asUser(browser, partnerUser)
  // the seeded plan pays once the first recompute and commission sync have run
  await expect
    .poll(async () => (await entries(partner.request)).length, { timeout: 120_000 })
    .toBeGreaterThan(0)

  await partner.goto('/portal/commissions')
  const lines = partner.getByRole('table', { name: 'Commission lines' })
  const [newest] = await entries(partner.request)
  if (!newest) throw new Error('the partner has no line')
  await lines
    .getByRole('row')
    .nth(1)
    .getByRole('button', { name: /^Receipt of the line/ })
    .click()
  const drawer = partner.getByRole('dialog')
  await drawer.getByRole('button', { name: 'Dispute this line' }).click()
  const form = drawer.getByRole('form', { name: 'Dispute this line' })
  const subject = `Missing the partner-sourced rate ${Date.now()}`
  const evidenceLink = 'https://mail.example.com/threads/intro-call'
  await form.getByRole('textbox', { name: 'Subject' }).fill(subject)
  await form
    .getByRole('textbox', { name: 'Message' })
    .fill('We sourced this deal: our intro call is in the thread linked below.')
  const evidence = form.getByRole('textbox', { name: 'Evidence links' })
  await evidence.fill('mail.example.com/no-scheme')
  await form.getByRole('button', { name: 'Send dispute' }).click()
  await expect(evidence).toHaveAttribute('aria-invalid', 'true')
  await expect(form).toContainText('is not a web link')
  await evidence.fill(evidenceLink)
  await form.getByRole('button', { name: 'Send dispute' }).click()
  await expect(drawer).toContainText('You disputed this line')
  await expect(drawer).toContainText(subject)
  await partner.keyboard.press('Escape')

  const own = partner.getByRole('region', { name: 'Your disputes' })
  await expect(own.getByRole('row', { name: new RegExp(subject) })).toContainText('Open')
  await expect(own).toContainText('Answer due')
  const opened = (await disputes(partner.request)).find((dispute) => dispute.subject === subject)
  expect(opened?.entryId).toBe(newest.id)
  const sent = (await (
    await partner.request.get(`/api/v1/incentives/disputes/${opened?.id}`)
  ).json()) as Dispute
  expect(sent.messages[0]?.evidence).toEqual([evidenceLink])

  // staff: the queue, the thread, a reply, and the close
  await page.goto('/commissions')
  await page.getByRole('link', { name: /^Disputes/ }).click()
  await expect(page.getByRole('heading', { name: 'Disputes', level: 1 })).toBeVisible()
  const queue = page.getByRole('table', { name: 'Disputes' })
  await expect(queue.getByRole('row', { name: new RegExp(subject) })).toContainText('Bluefin Resellers')
  await queue.getByRole('link', { name: subject }).click()
  await expect(page.getByRole('heading', { name: subject, level: 1 })).toBeVisible()
  const thread = page.getByRole('region', { name: 'Thread' })
  await expect(thread).toContainText('our intro call')
  await expect(thread.getByRole('link', { name: evidenceLink })).toHaveAttribute('href', evidenceLink)

  const reply = page.getByRole('form', { name: 'Add to the thread' })
  await reply
    .getByRole('textbox', { name: 'Message' })
    .fill('Confirmed from the CRM notes: we add the difference.')
  await reply.getByRole('button', { name: 'Add message' }).click()
  await expect(thread).toContainText('Confirmed from the CRM notes')

  const close = page.getByRole('form', { name: 'Close the dispute' })
  const amount = close.getByRole('textbox', { name: /^Adjustment \([A-Z]{3}\)$/ })
  await close
    .getByRole('textbox', { name: 'Reason' })
    .fill('The intro call predates the deal: sourced rate applies.')
  // more digits than an amount may have: the server refuses it, on the amount
  await amount.fill('12345678901234567')
  await close.getByRole('button', { name: 'Adjust and close' }).click()
  await expect(amount).toHaveAttribute('aria-invalid', 'true')
  await expect(close).toContainText('whole number of minor units')
  await amount.fill('25')
  await close.getByRole('button', { name: 'Adjust and close' }).click()
  const closure = page.getByRole('status', { name: 'How it was closed' })
  await expect(closure).toContainText('Adjusted')
  await expect(closure).toContainText('sourced rate applies')
  await expect(page.getByRole('form', { name: 'Close the dispute' })).toHaveCount(0)
  const closed = (await (
    await page.request.get(`/api/v1/incentives/disputes/${opened?.id}`)
  ).json()) as Dispute
  expect(closed.status).toBe('adjusted')
  expect(Number(closed.adjustment?.amount)).toBe(25)

  // the partner reads the outcome and finds the adjustment among their lines
  await partner.reload()
  const row = own.getByRole('row', { name: new RegExp(subject) })
  await expect(row).toContainText('Adjusted')
  await row.getByRole('button', { name: subject }).click()
  const answer = partner.getByRole('dialog')
  await expect(answer.getByRole('status', { name: 'How it was closed' })).toContainText(
    'sourced rate applies',
  )
  await expect(answer).toContainText('Confirmed from the CRM notes')
  await expect(answer.getByRole('form', { name: 'Add to the thread' })).toHaveCount(0)
  await partner.keyboard.press('Escape')
  await expect(lines).toContainText(`Adjusted on dispute ${closed.id}`)
})

test('the plan form previews a changed rate on last quarter beside the plans in force', async ({ page }) => {
  test.setTimeout(180_000)
  await signIn(page, staff)
  await page.goto('/commissions/plans')
  await page.getByRole('link', { name: 'Partner commissions' }).click()
  await expect(page.getByRole('heading', { name: 'Partner commissions', level: 1 })).toBeVisible()

  const preview = page.getByRole('region', { name: 'Preview on last quarter' })
  const totals = preview.getByRole('region', { name: /^Totals in [A-Z]{3}$/ })
  /** Per currency, what the plans in force pay and what the draft would. */
  const figures = async () => {
    const read = async (index: number, name: string) =>
      (await totals.nth(index).getByRole('region', { name }).locator('p').last().textContent()) ?? ''
    const pairs: [string, string][] = []
    for (let index = 0; index < (await totals.count()); index++)
      pairs.push([await read(index, 'Under the plans in force'), await read(index, 'Under this draft')])
    return pairs
  }
  await expect(totals.first()).toBeVisible({ timeout: 60_000 })
  // unchanged, the draft pays what the plan in force pays
  for (const [current, draft] of await figures()) expect(draft).toBe(current)

  const form = page.getByRole('form', { name: 'Edit Partner commissions' })
  const rule = form.getByRole('group', { name: 'Rule 2' })
  await rule.getByRole('textbox', { name: 'Rate of rule 2 (%)' }).fill('30')
  await form
    .getByRole('group', { name: 'Bracket 1' })
    .getByRole('textbox', { name: 'Rate', exact: true })
    .fill('20')
  await expect
    .poll(async () => (await figures()).some(([current, draft]) => current !== draft), { timeout: 60_000 })
    .toBe(true)
  await expect(
    preview.getByRole('table', { name: 'Partners under the draft' }).getByRole('row').nth(1),
  ).toBeVisible()

  // a condition the engine does not know: the server's refusal shows in the region
  await choose(page, 'Condition of rule 2', 'Custom (JSON)')
  await rule.getByRole('textbox', { name: 'Condition value of rule 2' }).fill('{"sometimes":[1]}')
  await expect(preview).toContainText('The server refuses this draft', { timeout: 30_000 })
  await expect(preview).toContainText('unknown operator')
})
