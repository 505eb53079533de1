import { expect, test } from '@playwright/test'
import { partnerUser, signInThroughPage, staff } from './support/session'

test('staff sign in on the sign-in page and reach the console; a wrong password is refused', async ({
  page,
}) => {
  await page.goto('/')
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill(staff.email)
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill('not the password')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByText('Email or password is not correct')).toBeVisible()
  await signInThroughPage(page, staff)
  await expect(page.getByRole('navigation', { name: 'Main navigation' })).toBeVisible()
})

test('a partner user signs in on the sign-in page and reaches the portal', async ({ page }) => {
  await signInThroughPage(page, partnerUser)
  await expect(page.getByRole('tablist', { name: 'Portal navigation' })).toBeVisible()
})
