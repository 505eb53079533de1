import { expect, test } from '@playwright/test'
import { signIn, staff } from './support/session'

type Conflicts = {
  total: number
  items: Array<{
    key: string
    account: { name: string } | null
    deals: Array<{ name: string }>
    partners: Array<{ name: string }>
  }>
}

test('staff weigh the evidence on an account several partners work and name its owner', async ({ page }) => {
  await signIn(page, staff)
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Channel conflicts' })
    .click()
  await expect(page.getByRole('heading', { name: 'Channel conflicts', level: 1 })).toBeVisible()
  const open = (await (await page.request.get('/api/v1/channel-conflicts?limit=50')).json()) as Conflicts
  // the demo's deals are touched by one to three partners: some accounts are contested
  expect(open.total).toBeGreaterThan(0)
  const first = open.items[0]!
  const title = first.account?.name ?? first.deals[0]!.name
  const card = page.getByRole('region', { name: title, exact: true })
  const evidence = card.getByRole('table', { name: `Partners on ${title}` })
  for (const partner of first.partners)
    await expect(evidence.getByRole('row', { name: new RegExp(partner.name) })).toBeVisible()

  const form = card.getByRole('form', { name: `Decide ${title}` })
  await form.getByRole('combobox', { name: 'Owner' }).click()
  await page.getByRole('option', { name: first.partners[0]!.name, exact: true }).click()
  await form.getByRole('textbox', { name: 'Note' }).fill('First to register and ran the demo')
  await form.getByRole('button', { name: 'Name the owner' }).click()
  await expect(page.getByText('Conflict decided')).toBeVisible()
  await expect(page.getByRole('region', { name: title, exact: true })).toHaveCount(0)

  await page.getByRole('radiogroup', { name: 'Which conflicts' }).getByText('Decided').click()
  const decided = page.getByRole('region', { name: title, exact: true })
  await expect(
    decided.getByText(`Owned by ${first.partners[0]!.name} — First to register and ran the demo`),
  ).toBeVisible()
})
