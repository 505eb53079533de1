import { expect, test } from '@playwright/test'
import { signIn, staff } from './support/session'

type Settings = { settings: { bands: { healthyMin: number; atRiskBelow: number } } & Record<string, unknown> }

test('staff change the health band limits; a limit the server refuses lands on its input', async ({
  page,
}) => {
  await signIn(page, staff)
  const before = (await (await page.request.get('/api/v1/programs/health/settings')).json()) as Settings
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Health' })
    .click()
  const panel = page.getByRole('region', { name: 'Health settings' })
  const healthy = panel.getByRole('textbox', { name: 'Healthy from score' })
  const atRisk = panel.getByRole('textbox', { name: 'At risk below score' })
  await expect(healthy).toHaveValue(String(before.settings.bands.healthyMin))

  await atRisk.fill('95')
  await panel.getByRole('button', { name: 'Save settings' }).click()
  await expect(panel).toContainText('must not be above bands.healthyMin')

  await atRisk.fill('35')
  await panel.getByRole('button', { name: 'Save settings' }).click()
  await expect(page.getByText('Health settings saved')).toBeVisible()
  const saved = (await (await page.request.get('/api/v1/programs/health/settings')).json()) as Settings
  expect(saved.settings.bands.atRiskBelow).toBe(35)

  // the demo's settings as they were, for the other specs
  const me = (await (await page.request.get('/api/v1/me')).json()) as { csrfToken: string }
  const restored = await page.request.put('/api/v1/programs/health/settings', {
    data: before.settings,
    headers: { 'x-csrf-token': me.csrfToken },
  })
  expect(restored.status(), await restored.text()).toBe(200)
})
