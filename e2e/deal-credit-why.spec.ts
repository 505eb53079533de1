import { expect, test } from '@playwright/test'
import { attributionOf, listModels, percent, usd, weighed } from './support/credit'
import { choose, signIn, staff } from './support/session'

type Deal = { id: string; name: string }

test('a deal explains each actor’s credit under the paying model and any other enabled model', async ({
  page,
}) => {
  await signIn(page, staff)
  const deals = (await (await page.request.get('/api/v1/deals?status=won&limit=30')).json()) as {
    items: Deal[]
  }
  // a won deal shared by several actors, one of them a partner with more than one touch
  let chosen: { deal: Deal; credit: Awaited<ReturnType<typeof attributionOf>>['credits'][number] } | null =
    null
  for (const deal of deals.items) {
    const attribution = await attributionOf(page.request, deal.id)
    const credit = attribution.credits.find((c) => c.actor !== 'direct' && c.touches.length > 1)
    if (attribution.credits.length > 1 && credit) {
      chosen = { deal, credit }
      break
    }
  }
  expect(chosen, 'the demo has a won deal shared between actors').not.toBeNull()
  if (!chosen) return
  const { deal, credit } = chosen

  await page.goto(`/deals/${deal.id}`)
  const panel = page.getByRole('region', { name: 'Why this credit' })
  await expect(panel).toBeVisible()
  const name = credit.partnerName ?? ''
  const bar = panel.getByRole('group', { name: /Shares of the deal/ })
  await expect(bar.getByRole('progressbar', { name: `${name} ${percent(credit.share)}` })).toBeVisible()
  const card = panel.getByRole('region', { name: `Credit for ${name}` })
  await expect(card).toContainText(`${percent(credit.share)} · ${usd(credit.amount)}`)
  await expect(card).toContainText(credit.explanation)
  await expect(card).toContainText(weighed(credit))
  await expect(
    card.getByRole('table', { name: `How ${name} earned its share` }).getByRole('row'),
  ).toHaveCount(credit.touches.length + 1)

  // the math links to the touch on the timeline, and the timeline back to the math
  const touchId = credit.touches[0]?.touchId ?? ''
  await card
    .getByRole('link', { name: /on the timeline$/ })
    .first()
    .click()
  await expect(page.locator(`[id="touch-${touchId}"]`)).toBeFocused()
  await page
    .locator(`[id="touch-${touchId}"]`)
    .getByRole('link', { name: /its weight in the credit/ })
    .click()
  await expect(page.locator(`[id="credit-touch-${touchId}"]`)).toBeFocused()

  // another enabled model gives its own explanation
  const linear = (await listModels(page.request)).find(
    (model) => model.key === 'linear' && model.role !== 'off',
  )
  expect(linear, 'the demo has a linear model in shadow').toBeDefined()
  if (!linear) return
  const underLinear = await attributionOf(page.request, deal.id, linear.id)
  const linearCredit = underLinear.credits.find((c) => c.actor === credit.actor)
  await choose(page, 'Attribution model', linear.name)
  await expect(panel).toContainText(`${linear.name} (version`)
  if (linearCredit)
    await expect(panel.getByRole('region', { name: `Credit for ${name}` })).toContainText(
      linearCredit.explanation,
    )
})
