import { expect, test } from '@playwright/test'
import { choose, signIn, staff } from './support/session'

test('an owner trains an AI-weighted model on the org’s deals, judges the candidate and promotes it', async ({
  page,
}) => {
  await signIn(page, staff)
  await page.goto('/settings/attribution')
  const name = `AI ${Date.now()}`
  await page.getByRole('button', { name: 'Add model' }).click()
  const create = page.getByRole('form', { name: 'New model' })
  await choose(page, 'Model', 'AI-weighted')
  await create.getByRole('textbox', { name: 'Name' }).fill(name)
  await create.getByRole('button', { name: 'Add model' }).click()
  const row = page.getByRole('table', { name: 'Attribution models' }).getByRole('row', { name })
  await expect(row).toContainText('v1')

  await row.getByRole('button', { name: `History of ${name}` }).click()
  await page.getByRole('button', { name: 'Train now' }).click()
  const versions = page.getByRole('table', { name: `Versions of ${name}` })
  const candidate = versions.getByRole('row', { name: 'Version 2' })
  // the candidate shows how it did on deals it did not learn from; nothing changes yet
  await expect(candidate).toContainText('Candidate')
  await expect(candidate).toContainText(
    /learned from [\d,]+ closed deals · AUC \d\.\d\d \(baseline \d\.\d\d\)/,
  )
  await expect(page.getByLabel('Calibration of version 2')).toBeVisible()
  await expect(versions.getByRole('row', { name: 'Version 1' })).toContainText('In force')

  await page.keyboard.press('Escape')
  // the models table says a trained version waits
  await expect(row).toContainText('v2 trained')
  await row.getByRole('button', { name: `History of ${name}` }).click()
  await candidate.getByRole('button', { name: 'Promote' }).click()
  await expect(candidate).toContainText('In force')
  await expect(
    versions.getByRole('row', { name: 'Version 1' }).getByRole('button', { name: 'Roll back to this' }),
  ).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(row).toContainText('v2')
  await expect(row).not.toContainText('trained')
  const models = (await (await page.request.get('/api/v1/attribution/models')).json()) as {
    items: { name: string; version: number; learnedVersion: string | null }[]
  }
  const stored = models.items.find((model) => model.name === name)
  expect(stored?.version).toBe(2)
  expect(stored?.learnedVersion).toBeTruthy()
  // the new model is not left running beside the demo's own
  await choose(page, `Role of ${name}`, 'Off')
  await expect(row.getByRole('combobox', { name: `Role of ${name}` })).toHaveValue('Off')
})
