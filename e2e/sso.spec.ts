import { expect, test } from '@playwright/test'
import { startTestProvider, type TestProvider } from '../src/modules/identity/sso.test-support'
import { signIn, staff } from './support/session'

// the provider runs in this test process on 127.0.0.1; the demo server allows a local http issuer
let provider: TestProvider
const baseUrl = process.env.BASE_URL ?? 'http://127.0.0.1:3000'
// a domain of this run's own, so a rerun against the same server never meets the last one's users
const domain = `sso-${Date.now().toString(36)}.example`
const person = { email: `joan@${domain}`, name: 'Joan Clarke' }

test.beforeAll(async () => {
  provider = await startTestProvider({ redirectUris: [new URL('/api/v1/sso/callback', baseUrl).toString()] })
  provider.accounts.set(person.email, { ...person, email_verified: true })
})
test.afterAll(async () => provider?.close())

test('an admin sets up single sign-on, and a new colleague signs in through the provider', async ({
  page,
}) => {
  test.setTimeout(180_000)
  await signIn(page, staff)
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Single sign-on' })
    .click()
  await expect(page.getByRole('heading', { name: 'Single sign-on', level: 1 })).toBeVisible()
  await expect(page.getByLabel('Callback URL', { exact: true })).toHaveText(
    new URL('/api/v1/sso/callback', baseUrl).toString(),
  )

  const form = page.getByRole('form', { name: 'Single sign-on form' })
  // an issuer that answers no discovery is refused on its input, and nothing is saved
  await form.getByRole('textbox', { name: 'Issuer URL' }).fill('http://127.0.0.1:9')
  await form.getByRole('textbox', { name: 'Client ID' }).fill(provider.clientId)
  await form.getByLabel('Client secret').fill(provider.clientSecret)
  await form.getByLabel('Email domains').fill(domain)
  await form.getByLabel('Email domains').press('Enter')
  await form.getByRole('button', { name: 'Save single sign-on' }).click()
  await expect(form.getByText(/discovery failed/)).toBeVisible()

  await form.getByRole('textbox', { name: 'Issuer URL' }).fill(provider.issuer)
  await form.getByRole('button', { name: 'Save single sign-on' }).click()
  await expect(page.getByText('Single sign-on saved').first()).toBeVisible()
  await expect(form.getByText('A secret is stored and never shown')).toBeVisible()

  await page.getByRole('button', { name: /^Account menu for / }).click()
  await page.getByRole('menuitem', { name: 'Sign out' }).click()
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()

  await page.getByRole('textbox', { name: 'Email', exact: true }).fill(person.email)
  await page.getByRole('textbox', { name: 'Email', exact: true }).press('Tab')
  await page.getByRole('link', { name: 'Sign in with single sign-on' }).click()

  // the provider's own login form, the email already filled in from the hint
  await expect(page).toHaveURL(new RegExp(`^${provider.issuer}/interaction/`))
  await page.locator('input[name="password"]').fill('any password')
  await page.getByRole('button', { name: 'Sign-in' }).click()

  await expect(page).toHaveURL(`${baseUrl}/`)
  await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible()
  await expect(page.getByRole('button', { name: `Account menu for ${person.name}` })).toBeVisible()
  const me = await (await page.request.get('/api/v1/me')).json()
  expect(me.user).toMatchObject({ email: person.email, role: 'analyst' })
})

test('a refused single sign-on lands on the sign-in page with its reason', async ({ page }) => {
  await page.goto('/api/v1/sso/start?email=someone@no-provider.example')
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
  await expect(page.getByText('Single sign-on is not set up for this email’s domain')).toBeVisible()
})
