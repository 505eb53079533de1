import { type APIRequestContext, type Browser, expect, type Page, test } from '@playwright/test'
import { type Money, usd } from './support/credit'
import { choose, partnerUser, postJson, signIn, staff } from './support/session'

type Plan = {
  id: string
  name: string
  isActive: boolean
  versions: { terms: { rules: { rate?: string }[] } }[]
}
type Entry = { id: string; kind: string; receipt: { steps: string[]; deal: { name: string } } | null }
type Balance = { partnerName: string; currency: string; approved: Money; total: Money }

const finance = { email: 'finance@demo.credence.dev', password: 'credence-demo', home: /\/$/ }

const plans = async (request: APIRequestContext): Promise<Plan[]> =>
  ((await (await request.get('/api/v1/incentives/plans')).json()) as { items: Plan[] }).items

const entries = async (request: APIRequestContext): Promise<Entry[]> =>
  ((await (await request.get('/api/v1/incentives/entries?limit=50')).json()) as { items: Entry[] }).items

const balances = async (request: APIRequestContext): Promise<Balance[]> =>
  ((await (await request.get('/api/v1/incentives/balances')).json()) as { items: Balance[] }).items

async function asUser(browser: Browser, user: typeof staff): Promise<Page> {
  const page = await (await browser.newContext()).newPage()
  await signIn(page, user)
  return page
}

/** A plan paying 10% on every deal with no hold, so lines are payable at once. */
async function ensurePlan(page: Page): Promise<void> {
  if ((await plans(page.request)).some((plan) => plan.isActive)) return
  await postJson(page, '/api/v1/incentives/plans', {
    name: `Every deal ${Date.now()}`,
    currency: 'USD',
    terms: { rules: [{ id: 'all', label: 'Every deal', rate: '0.1' }], holdDays: 0 },
  })
}

test('staff create a 10% plan, recompute, and read a line’s receipt; the partner sees their balance', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000)
  await signIn(page, staff)
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Commissions' })
    .click()
  await expect(page.getByRole('heading', { name: 'Commissions', level: 1 })).toBeVisible()
  await page.getByRole('link', { name: 'Plans' }).click()
  await page.getByRole('link', { name: 'New plan' }).first().click()

  const form = page.getByRole('form', { name: 'New plan' })
  const name = `Ten percent ${Date.now()}`
  await form.getByRole('textbox', { name: 'Name' }).fill(name)
  await form.getByRole('textbox', { name: 'Hold days' }).fill('0')
  const rule = form.getByRole('group', { name: 'Rule 1' })
  await expect(rule.getByRole('textbox', { name: 'Rate of rule 1 (%)' })).toHaveValue('10')

  // a condition the engine does not know is refused by the server, on the rule's condition
  await choose(page, 'Condition of rule 1', 'Custom (JSON)')
  await rule.getByRole('textbox', { name: 'Condition value of rule 1' }).fill('{"sometimes":[1]}')
  await form.getByRole('button', { name: 'Create plan' }).click()
  const condition = rule.getByRole('textbox', { name: 'Condition value of rule 1' })
  await expect(condition).toHaveAttribute('aria-invalid', 'true')
  await expect(rule).toContainText('unknown operator')

  // a rule may pay by the partner's tier: the levels come from the org's ladders
  await choose(page, 'Condition of rule 1', 'Partner tier is')
  await choose(page, 'Condition value of rule 1', /^Gold/)
  await expect(rule.getByRole('combobox', { name: 'Condition value of rule 1' })).toHaveValue(/^Gold/)

  await choose(page, 'Condition of rule 1', 'Every deal')
  await form.getByRole('button', { name: 'Create plan' }).click()
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Version history' })).toContainText('v1')
  const saved = (await plans(page.request)).find((plan) => plan.name === name)
  expect(saved?.versions[0]?.terms.rules[0]?.rate).toBe('0.1')

  await page.goto('/commissions')
  const sync = page.getByRole('region', { name: 'Recompute commissions' })
  await sync.getByRole('button', { name: 'Recompute commissions' }).click()
  await expect(sync).toContainText('Done:', { timeout: 120_000 })

  await expect.poll(async () => (await entries(page.request)).length, { timeout: 60_000 }).toBeGreaterThan(0)
  await page.reload()
  const lines = page.getByRole('table', { name: 'Commission lines' })
  await expect(lines.getByRole('row').nth(1)).toBeVisible()
  const [newest] = await entries(page.request)
  if (!newest?.receipt) throw new Error('the newest line has no receipt')
  await lines
    .getByRole('row')
    .nth(1)
    .getByRole('button', { name: /^Receipt of the line/ })
    .click()
  const receipt = page.getByRole('dialog')
  await expect(receipt).toContainText(newest.receipt.deal.name)
  const math = receipt.getByLabel('The math')
  for (const step of newest.receipt.steps) await expect(math).toContainText(step)
  await expect(receipt.getByRole('link', { name: newest.receipt.deal.name })).toHaveAttribute(
    'href',
    /\/deals\//,
  )

  await expect(page.getByRole('table', { name: 'Balances per partner' })).toContainText('Bluefin Resellers')

  const partner = await asUser(browser, partnerUser)
  await partner.getByRole('tab', { name: 'Commissions' }).click()
  await expect(partner).toHaveURL(/\/portal\/commissions$/)
  const own = await balances(partner.request)
  expect(own.length).toBeGreaterThan(0)
  const [first] = own
  if (!first) return
  const yours = partner.getByRole('region', { name: 'Your balance' })
  await expect(yours.getByRole('region', { name: 'Total' }).first()).toContainText(usd(first.total))
  await expect(partner.getByRole('table', { name: 'Commission lines' }).getByRole('row').nth(1)).toBeVisible()

  // the open pipeline as an estimate, worked out by the server
  const projected = partner.getByRole('region', { name: 'Projected from your pipeline' })
  await expect(projected.getByText('Estimate', { exact: true })).toBeVisible()
  const projection = (await (await partner.request.get('/api/v1/incentives/projection')).json()) as {
    items: { dealName: string }[]
  }
  if (projection.items[0]) await expect(projected).toContainText(projection.items[0].dealName)

  // a month's statement, as a PDF
  const statement = partner
    .getByRole('region', { name: 'Statements' })
    .getByRole('link', { name: /statement \(PDF\)/ })
  const pdf = await partner.request.get((await statement.getAttribute('href')) ?? '')
  expect(pdf.status()).toBe(200)
  expect(pdf.headers()['content-type']).toBe('application/pdf')
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-')
})

/** Bluefin has an approved W-9 on file: lines of a partner without a tax form are held from payouts. */
async function ensureTaxForm(page: Page): Promise<void> {
  const { items } = (await (await page.request.get('/api/v1/partners?q=Bluefin')).json()) as {
    items: { id: string; name: string }[]
  }
  const partnerId = items.find((p) => p.name === 'Bluefin Resellers')!.id
  const form = await postJson<{ id: string }>(page, '/api/v1/incentives/tax/forms', {
    partnerId,
    kind: 'w9',
    legalName: 'Bluefin Resellers LLC',
    taxClassification: 'llc_c',
    country: 'US',
    addressLine1: '500 Harbor Blvd',
    city: 'Portland',
    region: 'OR',
    postalCode: '97201',
    tinKind: 'ein',
    tin: '12-3456789',
    signerName: 'Dana Bluefin',
    signatureAttested: true,
  })
  await postJson(page, `/api/v1/incentives/tax/forms/${form.id}/approve`, {})
}

test('a partner says where they are paid; a batch needs a second approver, then goes out as a bank file', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000)
  await signIn(page, staff)
  await ensurePlan(page)
  await ensureTaxForm(page)
  await expect
    .poll(
      async () =>
        (await balances(page.request)).some(
          (balance) =>
            balance.partnerName === 'Bluefin Resellers' && BigInt(balance.approved.amountMinor) > 0n,
        ),
      { timeout: 120_000 },
    )
    .toBe(true)

  const partner = await asUser(browser, partnerUser)
  await partner.goto('/portal/commissions')
  const account = partner.getByRole('region', { name: 'Where you are paid' })
  const change = account.getByRole('button', { name: 'Change' })
  if (await change.isVisible()) await change.click()
  await account.getByText('Bank transfer', { exact: true }).click()
  await account.getByRole('textbox', { name: 'Payee name' }).fill('Bluefin Resellers GmbH')
  await account.getByRole('textbox', { name: 'IBAN' }).fill('DE89 3704 0044 0532 0130 01')
  await account.getByRole('textbox', { name: 'BIC' }).fill('COBADEFFXXX')
  await account.getByRole('button', { name: 'Save payout account' }).click()
  await expect(account.getByRole('textbox', { name: 'IBAN' })).toHaveAttribute('aria-invalid', 'true')
  await expect(account).toContainText('not a valid IBAN')
  await account.getByRole('textbox', { name: 'IBAN' }).fill('DE89 3704 0044 0532 0130 00')
  await account.getByRole('button', { name: 'Save payout account' }).click()
  await expect(account).toContainText('IBAN ••••3000')
  await expect(account).not.toContainText('DE89370400440532013000')

  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Payouts' })
    .click()
  await page.getByRole('button', { name: 'New batch' }).first().click()
  const form = page.getByRole('form', { name: 'New payout batch' })
  await expect(form.getByRole('switch', { name: 'Four-eyes approval' })).toBeChecked()
  await form.getByRole('button', { name: 'Create batch' }).click()
  await expect(page).toHaveURL(/\/payouts\/[^/]+$/)
  const batchUrl = page.url()
  await expect(page.getByRole('table', { name: 'Payouts in the batch' })).toContainText('Bluefin Resellers')
  await expect(page.getByRole('table', { name: 'Partners held back' })).toContainText(
    'no valid tax form on file',
  )

  await page.getByRole('button', { name: 'Approve' }).click()
  await expect(page.getByRole('alert', { name: 'Not allowed' })).toContainText('second approver')

  const second = await asUser(browser, finance)
  await second.goto(batchUrl)
  await second.getByRole('button', { name: 'Approve' }).click()
  await expect(second.getByText('Approved', { exact: true }).first()).toBeVisible()
  await second.getByRole('button', { name: 'Send' }).click()
  await expect(second.getByRole('link', { name: 'Download bank file' })).toHaveAttribute('href', /\/file$/)
  const markPaid = second.getByRole('button', { name: 'Mark paid' })
  await expect(markPaid).toBeEnabled({ timeout: 60_000 })
  const file = await second.request.get(
    (await second.getByRole('link', { name: 'Download bank file' }).getAttribute('href')) ?? '',
  )
  expect(file.status()).toBe(200)
  expect(await file.text()).toContain('Bluefin Resellers GmbH')
  await markPaid.click()
  await expect(second.getByText('Paid', { exact: true }).first()).toBeVisible()
})
