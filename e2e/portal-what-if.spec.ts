import { expect, test } from '@playwright/test'
import { listAll, partnerUser, signIn } from './support/session'

type Deal = { id: string; name: string }

test('a partner tries one more touch on an open deal and sees their share and commission if won change, with nothing recorded', async ({
  page,
}) => {
  await signIn(page, partnerUser)
  const [deal] = await listAll<Deal>(page.request, '/api/v1/deals?status=open')
  expect(deal, 'the demo partner is on an open deal').toBeDefined()
  if (!deal) return
  const touchesBefore = (await listAll<unknown>(page.request, `/api/v1/touchpoints?dealId=${deal.id}`)).length

  await page.goto(`/portal/deals/${deal.id}`)
  const panel = page.getByRole('region', { name: 'What if' })
  await expect(panel).toBeVisible()
  await panel.getByRole('combobox', { name: 'Touch' }).click()
  await page.getByRole('option', { name: 'Co-sell meeting' }).click()
  await panel.getByRole('button', { name: 'Try it' }).click()

  await expect(panel.getByLabel('Now')).toContainText('commission if won')
  await expect(panel.getByLabel('With the touch')).toContainText('commission if won')
  await expect(panel).toContainText(`your share of ${deal.name} under`)
  await expect(panel).toContainText('An estimate')
  // the share with the touch is read from the same answer the page shows
  const result = (await (
    await page.request.post('/api/v1/incentives/what-if', {
      data: { dealId: deal.id, activityType: 'co_sell_meeting', occurredAt: new Date().toISOString() },
      headers: {
        'x-csrf-token': ((await (await page.request.get('/api/v1/me')).json()) as { csrfToken: string })
          .csrfToken,
      },
    })
  ).json()) as { before: { share: string }; after: { share: string } }
  expect(Number(result.after.share)).toBeGreaterThanOrEqual(Number(result.before.share))

  // tried, not recorded
  expect((await listAll<unknown>(page.request, `/api/v1/touchpoints?dealId=${deal.id}`)).length).toBe(
    touchesBefore,
  )
})
