import { expect, test } from '@playwright/test'
import { partnerUser, signIn, staff } from './support/session'

type Summary = { items: Array<{ partnerId: string; name: string; overlap: number; rows: number }> }
type Overlap = { total: number; items: Array<{ name: string }> }

test('staff see how far each partner’s account list overlaps theirs, and open one partner’s overlap', async ({
  page,
}) => {
  await signIn(page, staff)
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Account overlap' })
    .click()
  await expect(page.getByRole('heading', { name: 'Account overlap', level: 1 })).toBeVisible()
  const summary = (await (await page.request.get('/api/v1/overlap')).json()) as Summary
  // the demo's two partners shared lists
  expect(summary.items).toHaveLength(2)
  const table = page.getByRole('table', { name: 'Overlap by partner' })
  const first = summary.items[0]!
  await table.getByRole('row', { name: new RegExp(first.name) }).click()
  const overlap = (await (await page.request.get(`/api/v1/overlap/${first.partnerId}`)).json()) as Overlap
  expect(overlap.total).toBe(first.overlap)
  const common = page.getByRole('region', { name: 'Accounts in common' })
  await expect(common.getByRole('heading', { name: `Accounts in common: ${first.overlap}` })).toBeVisible()
  await expect(
    common.getByRole('table', { name: 'Accounts both have' }).getByText(overlap.items[0]!.name),
  ).toBeVisible()
  await common.getByRole('combobox', { name: 'With You' }).click()
  await page.getByRole('option', { name: 'Customer' }).click()
  const customers = (await (
    await page.request.get(`/api/v1/overlap/${first.partnerId}?ours=customer`)
  ).json()) as Overlap
  await expect(common.getByRole('table', { name: 'Accounts both have' }).getByRole('row')).toHaveCount(
    Math.min(customers.total, 200) + 1,
  )
})

test('a partner shares a new account list from the portal and sees only the accounts both have', async ({
  page,
}) => {
  await signIn(page, partnerUser)
  await page.getByRole('tab', { name: 'Account mapping' }).click()
  await expect(page.getByRole('heading', { name: 'Account mapping', level: 1 })).toBeVisible()
  const common = page.getByRole('region', { name: 'Accounts in common' })
  await expect(common.getByRole('heading', { name: /Accounts in common: [1-9]/ })).toBeVisible()
  // one of the org's accounts, written another way, and one of the partner's own
  const mine = (await (await page.request.get('/api/v1/me')).json()) as { partner: { id: string } }
  const before = (await (await page.request.get(`/api/v1/overlap/${mine.partner.id}`)).json()) as Overlap
  const known = before.items[0]!.name
  await page
    .getByRole('region', { name: 'Shared list' })
    .locator('input[type=file]')
    .setInputFiles({
      name: 'accounts.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`name,status\n"${known.toLowerCase()} llc",customer\nNobody Else Ltd,prospect\n`),
    })
  await page.getByRole('button', { name: 'Share list' }).click()
  await expect(page.getByText('List shared: 2 accounts, 1 in common')).toBeVisible()
  await expect(common.getByRole('heading', { name: 'Accounts in common: 1' })).toBeVisible()
  await expect(common.getByRole('table', { name: 'Accounts both have' }).getByText(known)).toBeVisible()
  await expect(page.getByText('Nobody Else')).toHaveCount(0)
})
