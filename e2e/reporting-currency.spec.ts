import { expect, test } from '@playwright/test'
import { choose, signIn, staff } from './support/session'

// as the ECB publishes it: a header ending with an empty column, N/A for a retired currency, CRLF
const ratesFile = [
  'Date,USD,JPY,CYP,GBP,CHF,CAD,AUD,MXN,BRL,INR,SGD,SEK,NOK,DKK,PLN,',
  '2025-05-09,1.1252,163.36,N/A,0.8477,0.9353,1.5658,1.7572,21.9473,6.3647,96.0755,1.46,10.92,11.6725,7.4604,4.2393,',
  '2025-05-08,1.1297,163.45,N/A,0.8476,0.9325,1.5694,1.7605,22.1113,6.4915,96.592,1.4645,10.903,11.688,7.4603,4.27,',
].join('\r\n')

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
    buffer: Buffer.from(ratesFile),
  })
  await rates.getByRole('button', { name: 'Load rates' }).click()
  await expect(rates).toContainText('currencies up to 2025-05-09')
  // the org reports in euros from now on, for every viewer
  await choose(page, 'Reporting currency', 'EUR')
  await expect(page.getByText('The dashboard now reports in EUR')).toBeVisible()

  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Dashboard' })
    .click()
  const impact = page.getByRole('region', { name: 'Partners against direct' })
  await expect(impact).toContainText('All currencies in EUR: partners €')
  await expect(impact).toContainText('Converted at the ECB euro reference rates of 2025-05-09')
  const dashboard = (await (await page.request.get('/api/v1/attribution/dashboard')).json()) as {
    currencies: unknown[]
    converted: { trend: { month: string; ratesAsOf: string | null }[] }
  }
  if (dashboard.currencies.length > 1) {
    // the trend in euros too, each month labelled with the rates it used
    await expect(impact.getByLabel('All currencies in EUR by month')).toContainText(
      'All currencies in EUR by month of close',
    )
    expect(dashboard.converted.trend.length).toBeGreaterThan(0)
  }
  // a viewer may read it in another currency for now
  await choose(page, 'Report in', 'GBP')
  await expect(impact).toContainText('All currencies in GBP: partners £')
})
