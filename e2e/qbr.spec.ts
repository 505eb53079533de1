import { type Browser, expect, type Page, test } from '@playwright/test'
import { choose, partnerUser, signIn, staff } from './support/session'

async function asUser(browser: Browser, user: typeof staff): Promise<Page> {
  const page = await (await browser.newContext()).newPage()
  await signIn(page, user)
  return page
}

const currentQuarter = () => {
  const now = new Date()
  return `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`
}

test('staff generate a partner’s business review, read its chart and figures and share it; the partner reads it in the portal and downloads the PDF', async ({
  browser,
}) => {
  test.setTimeout(240_000)
  const quarter = currentQuarter()
  const console_ = await asUser(browser, staff)
  await console_
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Business reviews' })
    .click()
  await expect(console_.getByRole('heading', { name: 'Business reviews', level: 1 })).toBeVisible()
  // the demo seeds last quarter's reviews: the list shows them at once
  await expect(console_.getByRole('table', { name: 'Business reviews' })).toContainText('Bluefin Resellers')

  const generate = console_.getByRole('region', { name: 'Generate a review' })
  await choose(console_, 'Partner', /^Bluefin Resellers/, 'Bluefin')
  await generate.getByRole('combobox', { name: 'Quarter', exact: true }).click()
  await console_.getByRole('option', { name: quarter, exact: true }).click()
  await generate.getByRole('button', { name: 'Generate review' }).click()

  await expect(
    console_.getByRole('heading', { name: `Bluefin Resellers · ${quarter}`, level: 1 }),
  ).toBeVisible()
  await expect(console_.getByLabel(/Attributed revenue by model in [A-Z]{3}/)).toBeVisible()
  const models = console_.getByRole('table', { name: 'Revenue and pipeline by model' })
  await expect(models).toContainText('paying')
  await expect(models.getByRole('row')).not.toHaveCount(1)
  await expect(console_.getByLabel('Won deals', { exact: true })).toBeVisible()
  await expect(console_.getByRole('region', { name: 'Goals' })).toBeVisible()

  const reviewUrl = console_.url()
  const reviewId = reviewUrl.split('/').at(-1)!
  // the switch follows the server: it turns on once the review is shared
  const share = console_.getByRole('switch', { name: 'Share in portal' })
  await share.click()
  await expect(share).toBeChecked()
  await expect(console_.getByText('Shared in the partner’s portal')).toBeVisible()

  const portal = await asUser(browser, partnerUser)
  await portal.getByRole('tab', { name: 'Business reviews' }).click()
  await expect(portal.getByRole('heading', { name: 'Business reviews', level: 1 })).toBeVisible()
  await portal.getByRole('link', { name: quarter, exact: true }).click()
  await expect(portal).toHaveURL(new RegExp(`/portal/business-reviews/${reviewId}$`))
  await expect(portal.getByRole('heading', { name: `Business review · ${quarter}`, level: 1 })).toBeVisible()
  await expect(portal.getByLabel(/Attributed revenue by model in [A-Z]{3}/)).toBeVisible()
  await expect(portal.getByRole('region', { name: 'Top deals' })).toBeVisible()

  const download = portal.waitForEvent('download')
  await portal.getByRole('link', { name: 'Download PDF' }).click()
  const file = await download
  expect(file.suggestedFilename()).toMatch(new RegExp(`^qbr-${quarter}-Bluefin-Resellers-v\\d+\\.pdf$`))
  const bytes = await (await import('node:fs/promises')).readFile((await file.path())!)
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
})
