import { type Browser, expect, type Page, test } from '@playwright/test'
import { type DemoUser, partnerUser, signIn, staff } from './support/session'

async function asUser(browser: Browser, user: DemoUser): Promise<Page> {
  const page = await (await browser.newContext()).newPage()
  await signIn(page, user)
  return page
}

test('staff build and publish an onboarding workflow; the partner admin sees the next step on the portal home, accepts the agreement, and both see the progress change', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000)
  const name = `Data partner onboarding ${Date.now()}`
  const agreement = `Accept the data terms ${Date.now()}`
  const logo = `Send us your logo ${Date.now()}`

  // staff build the workflow in the console
  await signIn(page, staff)
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Onboarding' })
    .click()
  await expect(page.getByRole('heading', { name: 'Onboarding', level: 1 })).toBeVisible()
  // the demo org's workflow is there, with partners activated
  await expect(page.getByRole('table', { name: 'Onboarding workflows' })).toContainText(
    'Reseller and referral onboarding',
  )
  await page.getByRole('link', { name: 'New workflow' }).first().click()
  await page.getByRole('textbox', { name: 'Name', exact: true }).fill(name)

  await page.getByRole('button', { name: 'Add step' }).click()
  const first = page.getByRole('group', { name: 'Step 1' })
  await first.getByRole('textbox', { name: 'Title', exact: true }).fill(agreement)
  await first.getByRole('textbox', { name: 'Document title' }).fill('Data processing terms')
  await first
    .getByRole('textbox', { name: 'Agreement text' })
    .fill('We process your customers’ data only to credit your deals.')
  await first.getByRole('textbox', { name: 'Due in days' }).fill('5')

  await page.getByRole('combobox', { name: 'Kind of step to add' }).click()
  await page.getByRole('option', { name: 'Custom step' }).click()
  await page.getByRole('button', { name: 'Add step' }).click()
  const second = page.getByRole('group', { name: 'Step 2' })
  await second.getByRole('textbox', { name: 'Title', exact: true }).fill(logo)
  // reordered and back: the builder keeps each step's fields
  await page.getByRole('button', { name: 'Move step 2 up' }).click()
  await expect(
    page.getByRole('group', { name: 'Step 1' }).getByRole('textbox', { name: 'Title', exact: true }),
  ).toHaveValue(logo)
  await page.getByRole('button', { name: 'Move step 2 up' }).click()
  await expect(
    page.getByRole('group', { name: 'Step 1' }).getByRole('textbox', { name: 'Title', exact: true }),
  ).toHaveValue(agreement)

  await page.getByRole('button', { name: 'Publish', exact: true }).click()
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible()
  const progress = page.getByRole('region', { name: 'Partners’ progress' })
  const bluefin = progress.getByRole('row', { name: /Bluefin Resellers/ })
  await expect(bluefin).toContainText('0%')

  // the partner admin sees the agreement among the next steps on the portal home
  const portal = await asUser(browser, partnerUser)
  const next = portal.getByRole('region', { name: 'Next onboarding steps' })
  const step = next.getByRole('listitem', { name: agreement })
  await expect(step).toContainText('We process your customers’ data only to credit your deals.')
  await step.getByRole('button', { name: 'Accept Data processing terms' }).click()
  await expect(portal.getByText('You accepted Data processing terms')).toBeVisible()
  await expect(next.getByRole('listitem', { name: agreement })).toHaveCount(0)

  // every step on the onboarding page: the agreement done by them, the logo still to do
  await portal.getByRole('tab', { name: 'Onboarding' }).click()
  const workflow = portal.getByRole('region', { name })
  await expect(workflow).toContainText('1 of 2 required steps done')
  await expect(workflow.getByRole('listitem', { name: agreement })).toContainText('by Pat Partner')
  await expect(workflow.getByRole('listitem', { name: logo })).toContainText('To do')

  // staff see the progress move
  await page.reload()
  await expect(
    page.getByRole('region', { name: 'Partners’ progress' }).getByRole('row', { name: /Bluefin Resellers/ }),
  ).toContainText('50%')
})
