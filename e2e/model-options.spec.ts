import { expect, test } from '@playwright/test'
import { choose, listAll, signIn, staff } from './support/session'

type Partner = { id: string; name: string; parentId: string | null }
type Stored = { name: string; options: Record<string, unknown> }

test('an owner sets a model’s options as fields: lookback, left-out activities, partner chains with a share per link, renewals', async ({
  page,
}) => {
  await signIn(page, staff)
  const partners = await listAll<Partner>(page.request, '/api/v1/partners')
  const reseller = partners.find((partner) => partner.parentId)
  if (!reseller) throw new Error('the demo has a reseller under a distributor')

  await page.goto('/settings/attribution')
  const name = `Options ${Date.now()}`
  await page.getByRole('button', { name: 'Add model' }).click()
  const create = page.getByRole('form', { name: 'New model' })
  await choose(page, 'Model', 'Linear')
  await create.getByRole('textbox', { name: 'Name' }).fill(name)
  const options = create.getByRole('group', { name: 'Options' })
  await options.getByRole('textbox', { name: 'Lookback (days before close)' }).fill('60')
  const leftOut = options.getByRole('combobox', { name: 'Leave out activities' })
  await leftOut.fill('content_share')
  await leftOut.press('Enter')
  // leave the field (its suggestions close) before the next one
  await leftOut.press('Tab')
  const chains = options.getByRole('switch', { name: /Pass credit up each partner's parent chain/ })
  // the switch's own input lies over its label
  await chains.check({ force: true })
  await expect(chains).toBeChecked()
  await options.getByRole('textbox', { name: 'Parent takes by default (%)' }).fill('25')
  await choose(page, 'Add a link for', new RegExp(reseller.name), reseller.name)
  await options.getByRole('textbox', { name: "Parent's share, link 1" }).fill('30')
  await choose(page, 'Credit of a renewal', 'Inherited from the deal it renews')
  // the preview runs the options too, before anything is saved
  await expect(create.getByText('Updating…')).toBeHidden()
  await create.getByRole('button', { name: 'Add model' }).click()
  await expect(create).toBeHidden()

  const { items } = (await (await page.request.get('/api/v1/attribution/models')).json()) as {
    items: Stored[]
  }
  expect(items.find((model) => model.name === name)?.options).toEqual({
    lookbackDays: 60,
    excludeActivities: ['content_share'],
    tiers: { defaultShare: 0.25, linkShares: { [reseller.id]: 0.3 } },
    recurring: { mode: 'inherit' },
  })
  // the same options read back into the fields
  const row = page.getByRole('table', { name: 'Attribution models' }).getByRole('row', { name })
  await row.getByRole('button', { name: `Edit ${name}` }).click()
  const edit = page.getByRole('form', { name: `Change ${name}` })
  await expect(edit.getByRole('textbox', { name: 'Lookback (days before close)' })).toHaveValue('60')
  await expect(edit.getByRole('textbox', { name: "Parent's share, link 1" })).toHaveValue('30')
  await page.keyboard.press('Escape')
  await choose(page, `Role of ${name}`, 'Off')
  await expect(row.getByRole('combobox', { name: `Role of ${name}` })).toHaveValue('Off')
})
