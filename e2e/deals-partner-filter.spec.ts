import { expect, test } from '@playwright/test'
import { choose, escapeRegExp, postJson, signIn, staff } from './support/session'

type Created = { id: string; name: string }
type ActivityType = { key: string; isActive: boolean }

test('staff filter the deals list by the partner who touched them', async ({ page }) => {
  await signIn(page, staff)
  const stamp = Date.now()
  const partner = await postJson<Created>(page, '/api/v1/partners', {
    name: `Filter Test Partner ${stamp}`,
    type: 'referral',
    status: 'active',
  })
  const types = (await (await page.request.get('/api/v1/activity-types')).json()) as { items: ActivityType[] }
  const activityType = types.items.find((type) => type.isActive)?.key ?? ''
  const touched: Created[] = []
  for (const label of ['Alpha', 'Beta']) {
    const deal = await postJson<Created>(page, '/api/v1/deals', {
      name: `Filtered ${label} ${stamp}`,
      amount: '100.00',
      currency: 'USD',
    })
    await postJson(page, '/api/v1/touchpoints', {
      dealId: deal.id,
      actor: { kind: 'partner', partnerId: partner.id },
      activityType,
      occurredAt: new Date().toISOString(),
    })
    touched.push(deal)
  }
  await postJson(page, '/api/v1/deals', { name: `Untouched ${stamp}`, amount: '1.00', currency: 'USD' })

  await page.goto('/deals')
  await choose(page, 'Partner', new RegExp(`^${escapeRegExp(partner.name)}`), partner.name)
  await expect(page).toHaveURL(new RegExp(`partnerId=${partner.id}`))
  const table = page.getByRole('table', { name: 'Deals' })
  await expect(table.getByRole('row')).toHaveCount(touched.length + 1)
  for (const deal of touched) await expect(table.getByRole('link', { name: deal.name })).toBeVisible()

  // the filter survives a reload, with the partner's name in the picker
  await page.reload()
  await expect(page.getByRole('combobox', { name: 'Partner', exact: true })).toHaveValue(
    new RegExp(`^${escapeRegExp(partner.name)}`),
  )
  await expect(table.getByRole('row')).toHaveCount(touched.length + 1)
})
