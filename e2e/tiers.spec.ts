import { expect, type Page, test } from '@playwright/test'
import { signIn, staff } from './support/session'

type Ladder = { id: string; name: string; isActive: boolean }

const ladders = async (page: Page): Promise<Ladder[]> =>
  ((await (await page.request.get('/api/v1/programs/ladders')).json()) as { items: Ladder[] }).items

async function setActive(page: Page, id: string, isActive: boolean): Promise<void> {
  const me = (await (await page.request.get('/api/v1/me')).json()) as { csrfToken: string }
  const response = await page.request.patch(`/api/v1/programs/ladders/${id}`, {
    data: { isActive },
    headers: { 'x-csrf-token': me.csrfToken },
  })
  expect(response.status(), await response.text()).toBe(200)
}

test('staff create a tier ladder, evaluate every partner, and see a partner promoted with its reason', async ({
  page,
}) => {
  test.setTimeout(240_000)
  await signIn(page, staff)
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Tiers' }).click()
  await expect(page.getByRole('heading', { name: 'Tiers', level: 1 })).toBeVisible()
  // the demo org starts with a ladder, and its partners are placed once credit is computed
  await expect(page.getByRole('table', { name: 'Tier ladders' })).toContainText('Partner tiers')
  await expect
    .poll(
      async () =>
        ((await (await page.request.get('/api/v1/programs/tiers')).json()) as { total: number }).total,
      {
        timeout: 120_000,
      },
    )
    .toBeGreaterThan(0)

  // the first ladder in force places a partner: switch the demo's off while this one is tried
  const before = (await ladders(page)).filter((ladder) => ladder.isActive)
  for (const ladder of before) await setActive(page, ladder.id, false)

  await page.getByRole('link', { name: 'New ladder' }).first().click()
  const form = page.getByRole('form', { name: 'New tier ladder' })
  const name = `Champions ${Date.now()}`
  await form.getByRole('textbox', { name: 'Name', exact: true }).fill(name)
  const second = form.getByRole('group', { name: 'Level 2' })
  const levelName = second.getByRole('textbox', { name: 'Level name' })

  // two levels alike are refused by the server, on the level's input
  await levelName.fill('Bronze')
  await form.getByRole('button', { name: 'Create ladder' }).click()
  await expect(second).toContainText('another level already has the key bronze')

  await levelName.fill('Champion')
  await second.getByRole('textbox', { name: 'Attributed revenue at least' }).fill('1')
  await form.getByRole('button', { name: 'Remove level Gold' }).click()
  await form.getByRole('button', { name: 'Create ladder' }).click()

  await expect(page.getByRole('heading', { name: 'Tiers', level: 1 })).toBeVisible()
  await expect(page.getByRole('table', { name: 'Tier ladders' })).toContainText(name)
  const evaluation = page.getByRole('region', { name: 'Evaluate tiers' })
  await evaluation.getByRole('button', { name: 'Evaluate all partners' }).click()
  await expect(evaluation).toContainText('Done:', { timeout: 120_000 })

  const row = page
    .getByRole('table', { name: 'Partners by tier' })
    .getByRole('row', { name: /Bluefin Resellers/ })
  await expect(row).toContainText('Champion', { timeout: 30_000 })
  await row.getByRole('link', { name: 'Bluefin Resellers' }).click()
  const card = page.getByRole('region', { name: 'Tier' })
  await expect(card.getByLabel('Current tier')).toHaveText('Champion')
  await expect(card.getByLabel('Tier history')).toContainText(
    /to Champion: \D?[\d,.]+\D? attributed revenue in the last 12 months ≥ \D?1(?![\d,.])/,
  )

  // put the demo's ladder back in force
  const mine = (await ladders(page)).find((ladder) => ladder.name === name)
  if (mine) await setActive(page, mine.id, false)
  for (const ladder of before) await setActive(page, ladder.id, true)
})
