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

  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Dashboard' })
    .click()
  const impact = page.getByRole('region', { name: 'Partners against direct' })
  await choose(page, 'Report in', 'EUR')
  await expect(impact).toContainText('All currencies in EUR: partners €')
  await expect(impact).toContainText('Converted at the ECB euro reference rates of 2025-05-09')
})
