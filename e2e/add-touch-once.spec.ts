import { expect, test } from '@playwright/test'
import { choose, escapeRegExp, listAll, signIn, staff } from './support/session'

type Partner = { id: string; name: string }
type ActivityType = { key: string; label: string; isActive: boolean }
type Deal = { id: string; name: string; touchCount: number }

test('a double click on Add touch adds one touch, and the form is empty afterwards', async ({ page }) => {
  await signIn(page, staff)
  const [partner] = await listAll<Partner>(page.request, '/api/v1/partners?status=active')
  const types = (await (await page.request.get('/api/v1/activity-types')).json()) as { items: ActivityType[] }
  const activity = types.items.find((type) => type.isActive)
  const [deal] = (await (await page.request.get('/api/v1/deals?status=open&limit=1')).json()).items as Deal[]
  if (!partner || !activity || !deal) throw new Error('the demo org has an active partner, activity and deal')
  const touchCount = async () =>
    ((await (await page.request.get(`/api/v1/deals/${deal.id}`)).json()) as Deal).touchCount

  const before = await touchCount()
  await page.goto(`/deals/${deal.id}`)
  const form = page.getByRole('form', { name: 'Add touch' })
  await choose(page, 'Partner', new RegExp(`^${escapeRegExp(partner.name)}`), partner.name)
  await choose(page, 'Activity', activity.label)
  const notes = `Double-clicked ${Date.now()}`
  await form.getByLabel('Notes').fill(notes)
  await form.getByRole('button', { name: 'Add touch' }).dblclick()

  await expect(page.getByLabel('Touch timeline').getByText(notes)).toBeVisible()
  // give a second request, had one been sent, the time to land
  await page.waitForTimeout(1_500)
  expect(await touchCount()).toBe(before + 1)

  await expect(form.getByLabel('Notes')).toHaveValue('')
  await expect(form.getByRole('combobox', { name: 'Activity' })).toHaveValue('')
  await expect(form.getByRole('combobox', { name: 'Partner' })).toHaveValue('')

  // the same click again asks for the missing values instead of recording a copy
  await form.getByRole('button', { name: 'Add touch' }).click()
  await expect(form.getByText('Choose what happened')).toBeVisible()
  expect(await touchCount()).toBe(before + 1)
})
