import { expect, test } from '@playwright/test'
import { listAll, signIn, staff } from './support/session'

test('staff import deals and touches from CSV: columns mapped, every row checked, invalid rows reported and left out', async ({
  page,
}) => {
  await signIn(page, staff)
  const [partner] = await listAll<{ name: string }>(page.request, '/api/v1/partners?sort=name')
  const run = Date.now()
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Import' })
    .click()
  await expect(page.getByRole('heading', { name: 'Import', level: 1 })).toBeVisible()
  await page.getByRole('textbox', { name: 'Source' }).fill(`sheet${run}`)

  const deals = page.getByRole('region', { name: 'Deals file' })
  await deals.locator('input[type=file]').setInputFiles({
    name: 'deals.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      `externalId,name,amount,currency,status,openedAt\r\nD1,Imported ${run} one,1200.50,EUR,open,2026-01-05\r\nD2,Imported ${run} two,99,EUR,open,2026-02-01\r\n`,
    ),
  })
  // columns named like the fields are picked already
  await expect(deals.getByRole('combobox', { name: 'amount' })).toHaveValue('amount')
  await deals.getByRole('button', { name: 'Check deals' }).click()
  const report = page.getByRole('region', { name: 'Import report' })
  await expect(report.getByRole('row', { name: /deals\.csv/ })).toContainText('2')

  const touches = page.getByRole('region', { name: 'Touches file' })
  await touches.locator('input[type=file]').setInputFiles({
    name: 'touches.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      `deal,actorKind,partner,activity,occurredAt\nD1,partner,"${partner!.name.replaceAll('"', '""')}",referral,2026-01-06\nD2,partner,Nobody ${run},demo,2026-02-02\n`,
    ),
  })
  await touches.getByRole('button', { name: 'Check touches' }).click()
  await expect(report).toContainText('1 errors')
  const problems = report.getByRole('table', { name: 'Problems' })
  await expect(
    problems.getByRole('row', { name: new RegExp(`touches 3 partner \\(partner\\) Nobody ${run}`) }),
  ).toBeVisible()
  await expect(report.getByRole('link', { name: /Download the report/ })).toHaveAttribute(
    'href',
    /\/api\/v1\/imports\/imp_\w+\/problems\.csv$/,
  )

  await expect(report.getByRole('button', { name: 'Import' })).toBeDisabled()
  await report.getByRole('checkbox', { name: 'Leave the invalid rows out' }).check()
  await report.getByRole('button', { name: 'Import' }).click()
  await expect(report.getByRole('alert')).toContainText('Deals: 2 new, 0 updated · Touches: 1 new, 0 updated')

  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Deals' }).click()
  await page.getByRole('textbox', { name: /Search/ }).fill(`Imported ${run}`)
  // on the embedded database the list waits while the recompute the import asked for writes a page
  await expect(page.getByRole('link', { name: `Imported ${run} one` })).toBeVisible({ timeout: 75_000 })
})
