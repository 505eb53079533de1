import { type APIRequestContext, expect, test } from '@playwright/test'
import { postJson, signIn, staff } from './support/session'

type Entry = { kind: string; reason: string; amount: { amountMinor: string } }

const dealEntries = async (request: APIRequestContext, dealId: string): Promise<Entry[]> =>
  (
    (await (await request.get(`/api/v1/incentives/entries?dealId=${dealId}&limit=50`)).json()) as {
      items: Entry[]
    }
  ).items

test('staff record a refund on a won deal; its commission is clawed back in proportion, with the reason', async ({
  page,
}) => {
  test.setTimeout(120_000)
  await signIn(page, staff)
  const { items } = (await (await page.request.get('/api/v1/partners?q=Bluefin')).json()) as {
    items: { id: string; name: string }[]
  }
  const partnerId = items.find((p) => p.name === 'Bluefin Resellers')!.id
  const yesterday = new Date(Date.now() - 86_400_000)
  const deal = await postJson<{ id: string }>(page, '/api/v1/deals', {
    name: `Refunded deal ${Date.now()}`,
    amount: '10000.00',
    currency: 'USD',
    status: 'won',
    openedAt: new Date(yesterday.getTime() - 30 * 86_400_000).toISOString(),
    closedAt: yesterday.toISOString(),
  })
  await postJson(page, '/api/v1/touchpoints', {
    dealId: deal.id,
    actor: { kind: 'partner', partnerId },
    activityType: 'referral',
    occurredAt: new Date(yesterday.getTime() - 86_400_000).toISOString(),
  })
  // the touch credits Bluefin under the paying model, and the plan posts its line
  await expect
    .poll(async () => (await dealEntries(page.request, deal.id)).length, { timeout: 60_000 })
    .toBe(1)
  const [earned] = await dealEntries(page.request, deal.id)

  await page.goto(`/deals/${deal.id}`)
  const panel = page.getByRole('region', { name: 'Refunds and churn' })
  await expect(panel).toContainText('Nothing refunded')
  const form = panel.getByRole('form', { name: 'Record refund or churn' })
  await form.getByRole('textbox', { name: 'Amount paid back (USD)' }).fill('20000')
  await form.getByRole('textbox', { name: 'Reason' }).fill('Half the seats returned')
  await form.getByRole('button', { name: 'Record refund' }).click()
  // more than the deal is refused on the amount, and nothing is recorded
  await expect(form.getByRole('textbox', { name: 'Amount paid back (USD)' })).toHaveAttribute(
    'aria-invalid',
    'true',
  )
  await expect(form).toContainText('refunds would come to more than')

  await form.getByRole('textbox', { name: 'Amount paid back (USD)' }).fill('5000')
  await form.getByRole('button', { name: 'Record refund' }).click()
  await expect(panel).toContainText('Half the seats returned')
  await expect(panel).toContainText('net $5,000.00')

  await expect
    .poll(async () => (await dealEntries(page.request, deal.id)).length, { timeout: 60_000 })
    .toBe(3)
  const [again, reversal] = await dealEntries(page.request, deal.id)
  expect(reversal!.amount.amountMinor).toBe(`-${earned!.amount.amountMinor}`)
  expect(BigInt(again!.amount.amountMinor) * 2n - BigInt(earned!.amount.amountMinor)).toBeLessThanOrEqual(1n)
  expect(again!.reason).toContain('refunds 0 → 5000.00 USD')
})
