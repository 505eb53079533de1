import { expect, test } from '@playwright/test'
import { HubSpotFake } from '../src/modules/integrations/connectors/hubspot/hubspot-fake.test-support'
import { signIn, staff } from './support/session'

// a local HubSpot in this test process; the demo server may call addresses on this machine
let hubspot: HubSpotFake
let apiUrl: string
// names of this run's own, so a rerun against the same server is told apart
const run = Date.now().toString(36)

test.beforeAll(async () => {
  hubspot = new HubSpotFake('pat-e2e-token-0001')
  apiUrl = await hubspot.start()
  const owner = hubspot.addOwner('casey@vendor.example', 'Casey', 'Seller')
  const company = hubspot.add('companies', { name: `Umbrella ${run}`, domain: `umbrella-${run}.example` })
  const deal = hubspot.add(
    'deals',
    {
      dealname: `Umbrella rollout ${run}`,
      amount: '25000',
      dealstage: 'closedwon',
      closedate: new Date().toISOString(),
      createdate: new Date(Date.now() - 30 * 86_400_000).toISOString(),
      hubspot_owner_id: owner.id,
      partner: 'Harbor Systems',
    },
    { companies: [company.id] },
  )
  hubspot.add(
    'deals',
    { dealname: `Umbrella pilot ${run}`, amount: '5000', dealstage: 'appointmentscheduled' },
    {
      companies: [company.id],
    },
  )
  hubspot.add(
    'meetings',
    {
      hs_meeting_title: 'Kick-off',
      hs_timestamp: new Date(Date.now() - 20 * 86_400_000).toISOString(),
      hubspot_owner_id: owner.id,
    },
    { deals: [deal.id], companies: [company.id] },
  )
})
test.afterAll(async () => hubspot?.stop())

test('an admin connects HubSpot, the first load runs with progress, a dry run writes nothing, and the mapping is shown', async ({
  page,
}) => {
  test.setTimeout(180_000)
  await signIn(page, staff)
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Integrations' })
    .click()
  await expect(page.getByRole('heading', { name: 'Integrations', level: 1 })).toBeVisible()

  // a rerun finds HubSpot connected: change its credentials instead
  const card = page.getByRole('region', { name: 'HubSpot', exact: true })
  const setUp = page.getByRole('region', { name: 'Connect HubSpot' })
  if (await setUp.isVisible()) await setUp.getByRole('button', { name: 'Set up HubSpot' }).click()
  else await card.getByRole('button', { name: /Change credentials|Connect again/ }).click()
  const form = page.getByRole('form', { name: 'Connect HubSpot' })
  // a token HubSpot refuses is said on the token's input, and nothing is connected
  await form.getByLabel('Private app access token').fill('pat-wrong-token-000')
  await form.getByRole('button', { name: 'Advanced' }).click()
  await form.getByRole('textbox', { name: 'API address' }).fill(apiUrl)
  await form.getByRole('button', { name: 'Connect HubSpot' }).click()
  await expect(form.getByText(/HubSpot refused the credentials/)).toBeVisible()

  await form.getByLabel('Private app access token').fill('pat-e2e-token-0001')
  await form.getByRole('button', { name: 'Connect HubSpot' }).click()
  await expect(card.getByText('connected', { exact: true })).toBeVisible()

  // the first load starts on connecting and is followed to its end
  const sync = card.getByRole('region', { name: 'HubSpot sync' })
  await expect(sync.getByText(/^done$/)).toBeVisible({ timeout: 60_000 })
  await expect(card.getByText(/1 accounts · 2 deals · 2 touches/)).toBeVisible({ timeout: 15_000 })

  // a dry run reads everything again and reports what would change: nothing
  await sync.getByRole('button', { name: 'Dry run' }).click()
  await expect(sync.getByText('dry run · done')).toBeVisible({ timeout: 60_000 })
  await expect(sync.getByText(/0 created \(would be\) · 0 changed/)).toBeVisible()

  // the deal is in the deals list, with its partner
  await page.goto(`/deals?q=${encodeURIComponent(`Umbrella rollout ${run}`)}`)
  await expect(page.getByRole('link', { name: `Umbrella rollout ${run}` })).toBeVisible()

  await page.goto('/settings/integrations')
  await card.getByRole('button', { name: 'Show' }).click()
  const deals = card.getByRole('region', { name: 'deals mapping' })
  await expect(deals.getByText('column dealname')).toBeVisible()
  await expect(deals.getByText('default')).toBeVisible()
})
