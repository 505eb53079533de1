import { expect, test } from '@playwright/test'
import { partnerUser, signIn, staff } from './support/session'

test('a manager sets a partner’s quarterly goal and reads its progress and chance; the partner sees theirs', async ({
  page,
}) => {
  await signIn(page, staff)
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Goals' }).click()
  await expect(page.getByRole('heading', { name: 'Goals', level: 1 })).toBeVisible()
  // the demo partner's two goals for this quarter
  await expect(page.getByRole('region', { name: 'Bluefin Resellers: revenue' })).toBeVisible()
  const form = page.getByRole('form', { name: 'Set a goal' })
  await form.getByRole('combobox', { name: 'Partner' }).fill('Bluefin')
  await page.getByRole('option', { name: /Bluefin Resellers/ }).click()
  await form.getByRole('radiogroup', { name: 'Metric' }).getByText('Won deals').click()
  await form.getByRole('textbox', { name: 'Target' }).fill('2.5')
  await form.getByRole('button', { name: 'Set goal' }).click()
  await expect(page.getByText('must be a whole number of deals')).toBeVisible()
  await form.getByRole('textbox', { name: 'Target' }).fill('40')
  await form.getByRole('button', { name: 'Set goal' }).click()
  await expect(page.getByText('Goal set')).toBeVisible()
  const card = page.getByRole('region', { name: 'Bluefin Resellers: won deals' })
  await expect(card.getByText(/target 40 deals/)).toBeVisible()
  await expect(card.getByText(/% chance to reach the target\./)).toBeVisible()

  await page.context().clearCookies()
  await signIn(page, partnerUser)
  const mine = page.getByRole('region', { name: 'Your goals' })
  await expect(
    mine.getByRole('region', { name: 'Won deals goal' }).getByText(/target 40 deals/),
  ).toBeVisible()
  await expect(mine.getByRole('region', { name: 'Revenue goal' })).toBeVisible()
})
