import { expect, test } from '@playwright/test'
import { signIn, staff } from './support/session'

type Comparison = {
  models: Array<{ id: string; name: string; role: string }>
  rows: Array<{
    actor: string
    partnerName: string | null
    currency: string
    deltaFromPaying: Record<string, string>
  }>
}

test('staff compare models per partner and open a partner who would win from a switch', async ({ page }) => {
  await signIn(page, staff)
  await page.getByRole('link', { name: 'Model comparison' }).click()
  await expect(page.getByRole('heading', { name: 'Model comparison' })).toBeVisible()
  const comparison = (await (await page.request.get('/api/v1/attribution/comparison')).json()) as Comparison
  const currencies = new Set(comparison.rows.map((row) => row.currency))
  const chart = page.getByRole('region', { name: 'Won value by model' })
  await expect(chart).toBeVisible()
  for (const model of comparison.models) await expect(chart.getByText(model.name).first()).toBeVisible()
  if (currencies.size > 1) await expect(page.getByRole('combobox', { name: 'Currency' })).toBeVisible()

  const shown = await page
    .getByRole('combobox', { name: 'Currency' })
    .inputValue()
    .catch(() => [...currencies][0])
  const target = comparison.models.find((model) => model.role !== 'paying')
  if (!target) throw new Error('the demo has shadow models')
  await expect(page.getByRole('combobox', { name: 'If the paying model became' })).toHaveValue(target.name)
  const best = comparison.rows
    .filter((row) => row.currency === shown && row.actor !== 'direct')
    .sort((a, b) =>
      Number(BigInt(b.deltaFromPaying[target.id] ?? '0') - BigInt(a.deltaFromPaying[target.id] ?? '0')),
    )[0]
  if (!best || BigInt(best.deltaFromPaying[target.id] ?? '0') <= 0n) return
  const winners = page.getByRole('region', { name: 'Biggest winners' })
  await winners.getByRole('link', { name: best.partnerName ?? '' }).click()
  await expect(page).toHaveURL(new RegExp(`/partners/${best.actor}$`))
  await expect(page.getByRole('heading', { name: best.partnerName ?? '', level: 1 })).toBeVisible()
})
