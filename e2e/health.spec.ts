import { expect, test } from '@playwright/test'
import { partnerUser, signIn, staff } from './support/session'

type HealthItem = { partnerId: string; partnerName: string; topReasons: { reason: string }[] }

test('staff open Health, see an at-risk partner with its reason and click through to its health card', async ({
  page,
}) => {
  test.setTimeout(240_000)
  await signIn(page, staff)
  // scores are computed once the demo's credit is
  let atRisk: HealthItem[] = []
  await expect
    .poll(
      async () => {
        const response = await page.request.get('/api/v1/programs/health?band=at_risk')
        atRisk = ((await response.json()) as { items: HealthItem[] }).items ?? []
        return atRisk.length
      },
      { timeout: 180_000 },
    )
    .toBeGreaterThan(0)
  const partner = atRisk[0]!
  const reason = partner.topReasons[0]!.reason

  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Health' })
    .click()
  await expect(page.getByRole('heading', { name: 'Health', level: 1 })).toBeVisible()
  await expect(page.getByRole('region', { name: 'At risk partners' })).toBeVisible()
  await expect(page.getByLabel('Partners by health band')).toBeVisible()
  const table = page.getByRole('table', { name: 'Partners by health' })
  const row = table.getByRole('row').filter({ hasText: partner.partnerName })
  await expect(row).toContainText('At risk')
  await expect(row).toContainText(reason)

  await row.getByRole('link', { name: partner.partnerName }).click()
  await expect(page.getByRole('heading', { name: partner.partnerName, level: 1 })).toBeVisible()
  const card = page.getByRole('region', { name: 'Health', exact: true })
  await expect(card.getByText('At risk')).toBeVisible()
  await expect(card.getByRole('list', { name: 'Health factors' })).toContainText(reason)
})

test('a partner sees its own health score and reasons on the portal home', async ({ page }) => {
  test.setTimeout(240_000)
  await signIn(page, partnerUser)
  await expect
    .poll(
      async () =>
        ((await (await page.request.get('/api/v1/programs/health/me')).json()) as { latest: unknown })
          .latest !== null,
      { timeout: 180_000 },
    )
    .toBe(true)
  await page.reload()
  const card = page.getByRole('region', { name: 'Your health score' })
  await expect(card.getByLabel('Health score')).toBeVisible()
  const factors = card.getByRole('list', { name: 'Health factors' })
  await expect(factors.getByRole('listitem', { name: 'Time since last touch' })).toBeVisible()
  await expect(factors.getByRole('listitem', { name: 'Disputes' })).toContainText(/open dispute/)
})
