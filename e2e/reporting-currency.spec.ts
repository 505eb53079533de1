import { readFileSync } from 'node:fs'
import { expect, test } from '@playwright/test'
import { choose, signIn, staff } from './support/session'

const ratesFile = new URL('../../shared/data/ecb/eurofxref-hist-sample.csv', import.meta.url)

test('staff load the ECB rates as published and read partner value in one currency, labelled with the rates’ day', async ({
  page,
}) => {
  await signIn(page, staff)
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Import' })
    .click()
  const rates = page.getByRole('region', { name: 'Exchange rates' })
  await rates.locator('input[type=file]').setInputFiles({
    name: 'eurofxref-hist.csv',
    mimeType: 'text/csv',
    buffer: readFileSync(ratesFile),
  })
  await rates.getByRole('button', { name: 'Load rates' }).click()
  await expect(rates).toContainText('currencies up to 2025-05-09')

  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Dashboard' })
    .click()
  const impact = page.getByRole('region', { name: 'Partners against direct' })
  await choose(page, 'Report in', 'EUR')
  await expect(impact).toContainText('All currencies in EUR: partners €')
  await expect(impact).toContainText('Converted at the ECB euro reference rates of 2025-05-09')
})
