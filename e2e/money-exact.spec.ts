import { expect, test } from '@playwright/test'
import { postJson, signIn, staff } from './support/session'

// Currencies whose minor digits the browser's Intl data gets wrong (it rounds them to whole units).
const cases = [
  { currency: 'COP', amount: '1234.56', shown: /COP\s1,234\.56/ },
  { currency: 'IDR', amount: '15000.25', shown: /IDR\s15,000\.25/ },
  { currency: 'HUF', amount: '999.50', shown: /HUF\s999\.50/ },
  { currency: 'IQD', amount: '1234.567', shown: /IQD\s1,234\.567/ },
  { currency: 'JPY', amount: '1234', shown: /¥1,234(?![\d.])/ },
]

test('deal amounts show exactly, with each currency’s ISO 4217 decimals', async ({ page }) => {
  await signIn(page, staff)
  const tag = `Exact money ${Date.now()}`
  for (const { currency, amount } of cases)
    await postJson(page, '/api/v1/deals', { name: `${tag} ${currency}`, amount, currency })

  await page.goto(`/deals?q=${encodeURIComponent(tag)}`)
  const table = page.getByRole('table', { name: 'Deals' })
  for (const { currency, shown } of cases) {
    const row = table.getByRole('row').filter({ hasText: `${tag} ${currency}` })
    await expect(row).toContainText(shown)
  }
})
