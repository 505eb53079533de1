import { expect, test } from '@playwright/test'
import { type Money, usd } from './support/credit'
import { signIn, staff } from './support/session'

type Dashboard = { currencies: { currency: string; partnerWon: Money }[]; withPartners: { deals: number } }
type CreditedDeals = {
  sums: { currency: string; deals: number; credited: Money }[]
  items: { name: string }[]
}

test('a dashboard figure, filtered by partner type, opens the deals that sum to it and each deal’s why', async ({
  page,
}) => {
  await signIn(page, staff)
  // the demo's credit is computed in the background after start
  await expect
    .poll(async () => {
      const view = (await (await page.request.get('/api/v1/attribution/dashboard')).json()) as Dashboard
      return view.withPartners.deals
    })
    .toBeGreaterThan(0)
  const resellers = (await (
    await page.request.get('/api/v1/attribution/dashboard?partnerType=reseller')
  ).json()) as Dashboard
  const line = resellers.currencies.find((c) => c.currency === 'USD') ?? resellers.currencies[0]
  if (!line) throw new Error('the demo has no credited currency')
  const all = (await (await page.request.get('/api/v1/attribution/dashboard')).json()) as Dashboard
  const allLine = all.currencies.find((c) => c.currency === line.currency)
  // counting only resellers as partners gives a smaller figure than counting every partner
  expect(BigInt(line.partnerWon.amountMinor)).toBeLessThan(BigInt(allLine?.partnerWon.amountMinor ?? '0'))

  await page.goto('/')
  const filter = page.getByRole('group', { name: 'Credit filter' })
  await filter.getByRole('combobox', { name: 'Partner types' }).click()
  await page.getByRole('option', { name: 'Reseller' }).click()
  await page.keyboard.press('Escape')
  await expect(page).toHaveURL(/partnerType=reseller/)
  const card = page.getByRole('region', { name: 'Partners against direct' })
  await expect(card).toContainText('counting reseller as partners')
  const figure = card.getByRole('link', { name: `${line.currency} won value credited to partners` })
  await expect(figure).toHaveText(usd(line.partnerWon))

  await figure.click()
  await expect(page).toHaveURL(/\/attribution\/deals\?.*credited=partners/)
  await expect(page.getByRole('heading', { name: 'Won deals credited to partners', level: 1 })).toBeVisible()
  const api = (await (
    await page.request.get(
      `/api/v1/attribution/deals?credited=partners&outcome=won&currency=${line.currency}&partnerType=reseller`,
    )
  ).json()) as CreditedDeals
  // the deals behind the figure add up to it
  expect(api.sums).toEqual([expect.objectContaining({ currency: line.currency, credited: line.partnerWon })])
  const sums = page.getByLabel('Sums of these deals')
  await expect(sums).toContainText(`${usd(line.partnerWon)} credited`)
  const table = page.getByRole('table', { name: 'Credited deals' })
  const first = api.items[0]?.name
  if (!first) throw new Error('no deal behind the figure')
  await expect(table.getByRole('row').nth(1)).toContainText(first)

  // the filter travels: switching to all types widens the list, and the sums follow
  // with a type chosen, its pill covers most of the box: click the box around the input
  await page
    .getByRole('group', { name: 'Credit filter' })
    .getByRole('combobox', { name: 'Partner types' })
    .click({ force: true })
  await page.getByRole('option', { name: 'Reseller' }).click()
  await page.keyboard.press('Escape')
  await expect(page).not.toHaveURL(/partnerType=/)
  await expect(sums).toContainText(`${usd(allLine!.partnerWon)} credited`)

  // a deal opens with its why panel
  await table.getByRole('link').first().click()
  await expect(page).toHaveURL(/\/deals\/deal_/)
  await expect(page.getByRole('region', { name: 'Why this credit' })).toBeVisible()
})
