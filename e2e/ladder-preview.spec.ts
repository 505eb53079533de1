import { expect, test } from '@playwright/test'
import { signIn, staff } from './support/session'

const count = async (preview: import('@playwright/test').Locator, label: string) =>
  Number(await preview.getByLabel(new RegExp(`^${label}: \\d+$`)).textContent())

test('staff preview an edited ladder on every partner before saving it, and the preview says what would move', async ({
  page,
}) => {
  test.setTimeout(180_000)
  await signIn(page, staff)
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Tiers' }).click()
  // partners are placed once the demo's credit is computed
  await expect
    .poll(
      async () =>
        ((await (await page.request.get('/api/v1/programs/tiers')).json()) as { total: number }).total,
      { timeout: 120_000 },
    )
    .toBeGreaterThan(0)
  const versionNow = async () =>
    (
      (await (await page.request.get('/api/v1/programs/ladders')).json()) as {
        items: { name: string; version: number }[]
      }
    ).items.find((l) => l.name === 'Partner tiers')?.version
  const version = await versionNow()
  await page
    .getByRole('table', { name: 'Tier ladders' })
    .getByRole('row')
    .filter({ hasText: 'Partner tiers' })
    .getByRole('link', { name: 'Edit' })
    .click()
  const form = page.getByRole('form', { name: 'Edit Partner tiers' })

  // as saved: every partner keeps its tier
  await form.getByRole('button', { name: 'Preview' }).click()
  const preview = form.getByRole('region', { name: 'Preview' })
  await expect(preview).toContainText('With these criteria')
  const placed = await count(preview, 'Placed')
  expect(placed).toBeGreaterThan(0)

  // Silver for anyone with one attributed deal: Bronze partners with a deal move up, with the reason
  const silver = form.getByRole('group', { name: 'Level 2' })
  await silver.getByRole('textbox', { name: 'Attributed revenue at least' }).fill('1')
  await silver.getByRole('textbox', { name: 'Attributed won deals at least' }).fill('1')
  await expect(preview).toContainText('The form changed since this preview')
  await form.getByRole('button', { name: 'Preview' }).click()
  await expect(preview).not.toContainText('The form changed since this preview')
  await expect.poll(() => count(preview, 'Move up')).toBeGreaterThan(0)
  const moves = preview.getByRole('table', { name: 'Partners that move' })
  await expect(moves.getByRole('row').nth(1)).toContainText('Up')
  await expect(moves.getByRole('row').nth(1)).toContainText('promoted to Silver')

  // Silver on renewal revenue alone: the reasons name the deals it counts
  await silver.getByRole('combobox', { name: 'Counted on' }).first().click()
  await page.getByRole('option', { name: 'on renewals' }).click()
  await form.getByRole('button', { name: 'Preview' }).click()
  await expect(preview).not.toContainText('The form changed since this preview')
  await expect(moves).toContainText('attributed revenue on renewals')

  // nothing was saved: the ladder is still at its version
  expect(await versionNow()).toBe(version)
})
