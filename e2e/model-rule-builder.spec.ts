import { expect, type Locator, type Page, test } from '@playwright/test'
import { choose, signIn, staff } from './support/session'

type StoredModel = { id: string; name: string; version: number; params: Record<string, unknown> }

const storedModel = async (page: Page, name: string): Promise<StoredModel | undefined> => {
  const { items } = (await (await page.request.get('/api/v1/attribution/models')).json()) as {
    items: StoredModel[]
  }
  return items.find((model) => model.name === name)
}

/** What the preview shows once it has settled: every deal's table, as text. */
async function settledPreview(preview: Locator): Promise<string> {
  await expect(preview.getByText('Updating…')).toBeHidden()
  await expect(preview.getByRole('table').first()).toBeVisible()
  return (await preview.getByRole('table').allInnerTexts()).join('\n')
}

test.beforeEach(async ({ page }) => {
  await signIn(page, staff)
  await page.goto('/settings/attribution')
  await expect(page.getByRole('heading', { name: 'Attribution', level: 1 })).toBeVisible()
})

test('an owner edits role weights in a table, watches the preview follow and saves new versions', async ({
  page,
}) => {
  const name = `Roles ${Date.now()}`
  await page.getByRole('button', { name: 'Add model' }).click()
  const create = page.getByRole('form', { name: 'New model' })
  await choose(page, 'Model', 'Role')
  // off: it runs only in this dialog's preview, so the demo org's recomputes stay light
  await choose(page, 'Role', 'Off')
  await create.getByRole('textbox', { name: 'Name' }).fill(name)
  // the table starts from the standard weights, and the preview from them
  await expect(create.getByLabel('Weight of referral', { exact: true })).toHaveValue('3')
  const preview = create.getByRole('region', { name: 'Preview on recent deals' })
  const before = await settledPreview(preview)

  await create.getByLabel('Weight of referral', { exact: true }).fill('40')
  await create.getByRole('button', { name: 'Add partner kind' }).click()
  await create.getByLabel('Partner kind 1', { exact: true }).fill('reseller')
  await create.getByLabel('Multiplier of reseller', { exact: true }).fill('5')
  await expect.poll(() => settledPreview(preview), { timeout: 20_000 }).not.toBe(before)

  // a negative weight is refused on its row, and the preview waits for a number it can use
  await create.getByLabel('Weight of demo', { exact: true }).fill('-1')
  await expect(create.getByLabel('Weight of demo', { exact: true })).toHaveAttribute('aria-invalid', 'true')
  await expect(create).toContainText('must be 0 or more')
  await expect(preview).toContainText('Finish or remove the highlighted rows')
  await create.getByLabel('Weight of demo', { exact: true }).fill('2')

  await create.getByRole('button', { name: 'Add model' }).click()
  await expect(create).toBeHidden()
  const table = page.getByRole('table', { name: 'Attribution models' })
  const row = table.getByRole('row', { name })
  await expect(row).toContainText('v1')
  expect((await storedModel(page, name))?.params).toMatchObject({
    activityWeights: { referral: 40, demo: 2 },
    kindWeights: { reseller: 5 },
  })

  await row.getByRole('button', { name: `Edit ${name}` }).click()
  const edit = page.getByRole('form', { name: `Change ${name}` })
  await expect(edit.getByLabel('Multiplier of reseller', { exact: true })).toHaveValue('5')
  await edit.getByRole('button', { name: 'Remove reseller' }).click()
  await settledPreview(edit.getByRole('region', { name: 'Preview on recent deals' }))
  await edit.getByRole('button', { name: 'Save as a new version' }).click()
  await expect(edit).toBeHidden()
  await expect(row).toContainText('v2')
  expect((await storedModel(page, name))?.params).toMatchObject({ kindWeights: {} })
})

test('an owner builds a custom rule from pickers, previews it, and an invalid rule is refused on its field', async ({
  page,
}) => {
  const name = `Rules ${Date.now()}`
  await page.getByRole('button', { name: 'Add model' }).click()
  const create = page.getByRole('form', { name: 'New model' })
  await choose(page, 'Model', 'Custom')
  await choose(page, 'Role', 'Off')
  await create.getByRole('textbox', { name: 'Name' }).fill(name)
  await create.getByRole('button', { name: 'Add rule' }).click()
  await create.getByLabel('Rule 1 label', { exact: true }).fill('Referrals count triple')
  await choose(page, 'Rule 1 tests', 'Touch: activity')
  await create.getByLabel('Rule 1 value', { exact: true }).fill('referral')
  // the value's suggestions (activity types, loaded meanwhile) may open over the next picker
  await create.getByLabel('Rule 1 value', { exact: true }).press('Escape')
  await choose(page, 'Rule 1 effect', 'Multiply the touch’s weight by')
  await create.getByLabel('Rule 1 amount', { exact: true }).fill('3')
  const preview = create.getByRole('region', { name: 'Preview on recent deals' })
  await settledPreview(preview)
  await expect(preview).toContainText('Custom rules (1)')

  // the same rule, as JSON, round-trips back into the pickers
  await create.getByRole('switch', { name: 'Advanced (JSON)' }).click()
  await expect(create.getByRole('textbox', { name: 'Parameters (JSON)' })).toHaveValue(/"multiply": 3/)
  await create.getByRole('switch', { name: 'Advanced (JSON)' }).click()
  await expect(create.getByLabel('Rule 1 value', { exact: true })).toHaveValue('referral')

  await create.getByRole('button', { name: 'Add model' }).click()
  await expect(create).toBeHidden()
  const row = page.getByRole('table', { name: 'Attribution models' }).getByRole('row', { name })
  await expect(row).toContainText('v1')
  expect((await storedModel(page, name))?.params).toMatchObject({
    base: 'linear',
    rules: [
      {
        label: 'Referrals count triple',
        when: { '==': [{ var: 'touch.activity' }, 'referral'] },
        multiply: 3,
      },
    ],
  })

  // a share above the whole deal: the engine's reason lands on the amount, and nothing is saved
  await row.getByRole('button', { name: `Edit ${name}` }).click()
  const edit = page.getByRole('form', { name: `Change ${name}` })
  await choose(page, 'Rule 1 tests', 'Actor: partner kind')
  await edit.getByLabel('Rule 1 value', { exact: true }).fill('referral')
  await edit.getByLabel('Rule 1 value', { exact: true }).press('Escape')
  await choose(page, 'Rule 1 effect', 'Give the actor at most')
  await edit.getByLabel('Rule 1 amount', { exact: true }).fill('1.5')
  const amount = edit.getByLabel('Rule 1 amount', { exact: true })
  await expect(amount).toHaveAttribute('aria-invalid', 'true')
  await expect(edit).toContainText('must be ≤ 1')
  await expect(edit.getByRole('region', { name: 'Preview on recent deals' })).toContainText(
    'The engine refuses this draft',
  )
  await edit.getByRole('button', { name: 'Save as a new version' }).click()
  await expect(edit).toContainText('Refused by the engine')
  await expect(edit).toBeVisible()
  const stored = await storedModel(page, name)
  expect(stored?.version).toBe(1)
  const versions = (await (
    await page.request.get(`/api/v1/attribution/models/${stored?.id}/versions`)
  ).json()) as {
    items: unknown[]
  }
  expect(versions.items).toHaveLength(1)
})

test('a learned model has no preview before training, and is saved all the same', async ({ page }) => {
  const name = `Markov ${Date.now()}`
  await page.getByRole('button', { name: 'Add model' }).click()
  const create = page.getByRole('form', { name: 'New model' })
  await choose(page, 'Model', 'Markov')
  await choose(page, 'Role', 'Off')
  await create.getByRole('textbox', { name: 'Name' }).fill(name)
  const preview = create.getByRole('region', { name: 'Preview on recent deals' })
  await expect(preview).toContainText('No preview before training')
  await expect(preview).toContainText('train it')
  await create.getByRole('button', { name: 'Add model' }).click()
  await expect(create).toBeHidden()
  await expect(
    page.getByRole('table', { name: 'Attribution models' }).getByRole('row', { name }),
  ).toContainText('v1')
})
