import { expect, test } from '@playwright/test'
import { choose, escapeRegExp, listAll, signIn, staff } from './support/session'

type Partner = { id: string; name: string; status: string }
type ActivityType = { key: string; label: string; isActive: boolean }

test('staff add a partner touch to a deal and see it on the timeline without a reload', async ({ page }) => {
  await signIn(page, staff)
  const partners = await listAll<Partner>(page.request, '/api/v1/partners?status=active')
  const partner = partners[0]
  expect(partner, 'the demo org has an active partner').toBeDefined()
  const types = (await (await page.request.get('/api/v1/activity-types')).json()) as { items: ActivityType[] }
  const activity = types.items.find((type) => type.isActive)
  expect(activity, 'the org has an active activity type').toBeDefined()
  if (!partner || !activity) return

  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Deals' }).click()
  const deals = page.getByRole('table', { name: 'Deals' })
  const firstDeal = deals.getByRole('row').nth(1).getByRole('link').first()
  const dealName = (await firstDeal.textContent()) ?? ''
  await firstDeal.click()
  await expect(page.getByRole('heading', { level: 1, name: dealName })).toBeVisible()

  let reloads = 0
  page.on('load', () => {
    reloads++
  })
  const notes = `Joint demo with the buying committee ${Date.now()}`
  const form = page.getByRole('form', { name: 'Add touch' })
  await choose(page, 'Partner', new RegExp(`^${escapeRegExp(partner.name)}`), partner.name)
  await choose(page, 'Activity', activity.label)
  await form.getByLabel('Notes').fill(notes)
  await form.getByRole('button', { name: 'Add touch' }).click()

  const timeline = page.getByLabel('Touch timeline')
  const item = timeline.locator('.mantine-Timeline-item').filter({ hasText: notes })
  await expect(item).toBeVisible()
  await expect(item.getByRole('link', { name: new RegExp(escapeRegExp(partner.name)) })).toBeVisible()
  await expect(item).toContainText(activity.label)
  expect(reloads).toBe(0)

  await page.reload()
  await expect(page.getByLabel('Touch timeline').getByText(notes)).toBeVisible()
})
