import { expect, test } from '@playwright/test'
import { choose, signIn, staff } from './support/session'

test('an owner adds a model, sees a bad parameter refused on its field, versions it and turns it off', async ({
  page,
}) => {
  await signIn(page, staff)
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Attribution' })
    .click()
  await expect(page.getByRole('heading', { name: 'Attribution', level: 1 })).toBeVisible()
  const table = page.getByRole('table', { name: 'Attribution models' })
  // one model always pays: its role changes only by making another model paying
  const paying = table.getByRole('combobox', { name: 'Role of Time decay (30 days)' })
  await expect(paying).toHaveValue('Paying')
  await expect(paying).toBeDisabled()
  await expect(table).toContainText('Time decay, half-life 30 days')

  const name = `Decay ${Date.now()}`
  await page.getByRole('button', { name: 'Add model' }).click()
  const create = page.getByRole('form', { name: 'New model' })
  await choose(page, 'Model', 'Time decay')
  await create.getByRole('textbox', { name: 'Name' }).fill(name)
  await create.getByRole('textbox', { name: 'Parameters (JSON)' }).fill('{ "halfLifeDays": 7 }')
  await create.getByRole('button', { name: 'Add model' }).click()
  const row = table.getByRole('row', { name })
  await expect(row).toContainText('half-life 7 days')
  await expect(row).toContainText('v1')
  await expect(row.getByRole('combobox', { name: `Role of ${name}` })).toHaveValue('Shadow')

  // the engine refuses a negative half-life: the message sits on the parameters field
  await row.getByRole('button', { name: `Edit ${name}` }).click()
  const edit = page.getByRole('form', { name: `Change ${name}` })
  const params = edit.getByRole('textbox', { name: 'Parameters (JSON)' })
  await params.fill('{ "halfLifeDays": -3 }')
  await edit.getByRole('button', { name: 'Save as a new version' }).click()
  await expect(params).toHaveAttribute('aria-invalid', 'true')
  await expect(edit).toContainText('halfLifeDays: must be > 0')

  await params.fill('{ "halfLifeDays": 14 }')
  await edit.getByRole('button', { name: 'Save as a new version' }).click()
  await expect(edit).toBeHidden()
  await expect(row).toContainText('half-life 14 days')
  await expect(row).toContainText('v2')

  await row.getByRole('button', { name: `History of ${name}` }).click()
  const versions = page.getByRole('table', { name: `Versions of ${name}` })
  await expect(versions.getByRole('row')).toHaveCount(3)
  await expect(versions).toContainText('"halfLifeDays":7')
  await expect(versions).toContainText('"halfLifeDays":14')
  await page.keyboard.press('Escape')

  await choose(page, `Role of ${name}`, 'Off')
  await expect(row.getByRole('combobox', { name: `Role of ${name}` })).toHaveValue('Off')
  const stored = (await (await page.request.get('/api/v1/attribution/models')).json()) as {
    items: Array<{ name: string; role: string; version: number }>
  }
  expect(stored.items.find((model) => model.name === name)).toMatchObject({ role: 'off', version: 2 })
})

test('an owner recomputes every deal’s credit and watches the progress to the end', async ({ page }) => {
  await signIn(page, staff)
  await page.goto('/settings/attribution')
  const card = page.getByRole('region', { name: 'Recompute credit' })
  const requested = page.waitForResponse(
    (res) => res.url().endsWith('/api/v1/attribution/recompute') && res.request().method() === 'POST',
  )
  await card.getByRole('button', { name: 'Recompute all credit' }).click()
  const { id } = (await (await requested).json()) as { id: string }
  const bar = card.getByRole('progressbar', { name: 'Recompute progress' })
  await expect(bar).toBeVisible()
  await expect(card).toContainText(/Done: [\d,]+ deals re-attributed/, { timeout: 80_000 })
  await expect(bar).toHaveAttribute('aria-valuenow', '100')
  // the job this click started (a model change just before may have queued another since)
  const job = (await (await page.request.get(`/api/v1/attribution/recompute/${id}`)).json()) as {
    status: string
  }
  expect(job.status).toBe('done')
})
