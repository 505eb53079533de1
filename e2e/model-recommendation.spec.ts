import { expect, test } from '@playwright/test'
import { signIn, staff } from './support/session'

type Recommendation = {
  explanation: string
  best: { modelId: string; name: string } | null
  scores: { name: string; role: string; rank: number }[]
}

test('staff read which model the org’s own history recommends paying on, and why', async ({ page }) => {
  await signIn(page, staff)
  const response = await page.request.get('/api/v1/attribution/recommendation')
  expect(response.status()).toBe(200)
  const recommendation = (await response.json()) as Recommendation
  // the demo has years of won and lost deals: every enabled model is ranked
  expect(recommendation.best).not.toBeNull()
  expect(recommendation.scores.length).toBeGreaterThan(1)

  await page.getByRole('link', { name: 'Model comparison' }).click()
  const card = page.getByRole('region', { name: 'Which model to pay on' })
  await expect(card).toContainText(recommendation.explanation)
  const table = card.getByRole('table', { name: 'Models ranked by how well they predict' })
  for (const score of recommendation.scores)
    await expect(
      table.getByRole('row', { name: new RegExp(`^${score.rank} ${score.name.replace(/[()]/g, '\\$&')}`) }),
    ).toBeVisible()
  const paying = recommendation.scores.find((score) => score.role === 'paying')
  const best = recommendation.best!
  // an owner may act on it in one click, unless the paying model is already the best
  const makePaying = card.getByRole('button', { name: `Make ${best.name} paying` })
  if (paying?.name === best.name) await expect(makePaying).toHaveCount(0)
  else await expect(makePaying).toBeVisible()
})
