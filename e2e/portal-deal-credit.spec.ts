import { expect, test } from '@playwright/test'
import { attributionOf, percent, usd, weighed } from './support/credit'
import { listAll, partnerUser, signIn, signInThroughApi, staff } from './support/session'

type Deal = { id: string; name: string; status: string }

test('a partner sees their own credit on a deal, how they earned it, and only the share others took', async ({
  page,
  request,
}) => {
  await signIn(page, partnerUser)
  const deals = await listAll<Deal>(page.request, '/api/v1/deals?status=won')
  let chosen: { deal: Deal; attribution: Awaited<ReturnType<typeof attributionOf>> } | null = null
  for (const deal of deals.slice(0, 30)) {
    const attribution = await attributionOf(page.request, deal.id)
    if (attribution.othersShare && Number(attribution.othersShare) > 0) {
      chosen = { deal, attribution }
      break
    }
  }
  expect(chosen, 'the demo partner shares a won deal with others').not.toBeNull()
  if (!chosen) return
  const { deal, attribution } = chosen
  const own = attribution.credits[0]
  if (!own) throw new Error('no own credit')

  // the names of the others, as staff see them, must not reach the partner
  await signInThroughApi(request, staff)
  const full = await attributionOf(request, deal.id)
  const others = full.credits
    .filter((c) => c.actor !== own.actor && c.partnerName)
    .map((c) => c.partnerName ?? '')

  await page.goto(`/portal/deals/${deal.id}`)
  const panel = page.getByRole('region', { name: 'Your credit' })
  await expect(panel).toContainText(`${percent(own.share)} · ${usd(own.amount)}`)
  await expect(panel).toContainText(own.explanation)
  await expect(panel).toContainText(weighed(own))
  await expect(panel).toContainText(`Others took the remaining ${percent(attribution.othersShare ?? '0')}.`)
  for (const name of others) await expect(page.getByText(name)).toHaveCount(0)
})
