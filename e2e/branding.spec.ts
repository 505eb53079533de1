import { expect, test } from '@playwright/test'
import { partnerUser, signIn, staff } from './support/session'

// a 1×1 PNG
const logo = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)

test('an admin brands the portal with a name, colour and logo, and the partner sees them', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000)
  await signIn(page, staff)
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Branding' })
    .click()
  await expect(page.getByRole('heading', { name: 'Branding', level: 1 })).toBeVisible()
  const form = page.getByRole('form', { name: 'Branding form' })
  await form.getByRole('textbox', { name: 'Program name' }).fill('Northwind Partner Network')
  await form.getByRole('textbox', { name: 'Portal domain' }).fill('not a domain')
  await form.getByRole('button', { name: 'Save branding' }).click()
  // the server names the field it refuses, and nothing is saved
  await expect(form.getByText('must be a domain such as example.com')).toBeVisible()
  await expect(form.getByText('Credence’s own: not set yet')).toBeVisible()
  await form.getByRole('textbox', { name: 'Portal domain' }).fill('')
  await form.getByRole('textbox', { name: 'Main colour' }).fill('#0b7285')
  await form.getByRole('button', { name: 'Save branding' }).click()
  await expect(page.getByText('Branding saved: the portal and mail to partners show it')).toBeVisible()

  const upload = page.waitForResponse((r) => r.url().endsWith('/org/branding/logo') && r.status() === 200)
  await page
    .getByRole('region', { name: 'Logo' })
    .locator('input[type="file"]')
    .setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: logo })
  await upload
  await expect(
    page
      .getByRole('region', { name: 'Portal preview' })
      .getByRole('img', { name: 'Northwind Partner Network' }),
  ).toBeVisible()

  const partnerContext = await browser.newContext()
  const portal = await partnerContext.newPage()
  try {
    await signIn(portal, partnerUser)
    const header = portal.getByRole('banner')
    const mark = header.getByRole('img', { name: 'Northwind Partner Network' })
    await expect(mark).toBeVisible()
    expect(await mark.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBe(1)
    // the org's colour is the portal's primary colour
    const primary = await header.evaluate((el) =>
      getComputedStyle(el).getPropertyValue('--mantine-primary-color-filled').trim(),
    )
    expect(primary).toBe('#0b7285')
  } finally {
    await partnerContext.close()
  }

  // back to Credence's own for the other specs
  await page.getByRole('button', { name: 'Remove the logo' }).click()
  await expect(page.getByRole('button', { name: 'Remove the logo' })).toHaveCount(0)
  await form.getByRole('textbox', { name: 'Program name' }).fill('')
  await form.getByRole('textbox', { name: 'Main colour' }).fill('')
  await form.getByRole('button', { name: 'Save branding' }).click()
  await expect(page.getByText('Branding saved: the portal and mail to partners show it').last()).toBeVisible()
})
