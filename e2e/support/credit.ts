// Reading credit through the API for the specs: credit is computed in the background after the demo
// starts, so these poll until it is there instead of sleeping.
import { type APIRequestContext, expect } from '@playwright/test'

export type Money = { amountMinor: string; currency: string; amount: string }
export type TouchCredit = { touchId: string | null; activity: string; weight: number; share: number }
export type Credit = {
  actor: string
  partnerName: string | null
  share: string
  amount: Money
  explanation: string
  touches: TouchCredit[]
  actorWeight: number
  totalWeight: number
}
export type DealAttribution = {
  model: { id: string; name: string; role: string }
  amount: Money
  credits: Credit[]
  othersShare: string | null
}
export type Model = {
  id: string
  key: string
  name: string
  role: 'paying' | 'shadow' | 'off'
  version: number
}

/** A deal's credit under a model (the paying one by default), once the background run has made it. */
export async function attributionOf(
  request: APIRequestContext,
  dealId: string,
  modelId?: string,
): Promise<DealAttribution> {
  let found: DealAttribution | null = null
  await expect
    .poll(
      async () => {
        const response = await request.get(
          `/api/v1/deals/${dealId}/attribution${modelId ? `?model=${modelId}` : ''}`,
        )
        if (response.status() !== 200) return false
        found = (await response.json()) as DealAttribution
        return found.credits.length > 0
      },
      { timeout: 60_000, message: `credit for ${dealId}` },
    )
    .toBe(true)
  if (!found) throw new Error('unreachable')
  return found
}

export async function listModels(request: APIRequestContext): Promise<Model[]> {
  const response = await request.get('/api/v1/attribution/models')
  expect(response.status()).toBe(200)
  return ((await response.json()) as { items: Model[] }).items
}

/** Money as an en-US viewer reads it (the specs run in en-US). */
export const usd = (money: Money): string =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency: money.currency }).format(
    money.amount as Intl.StringNumericLiteral,
  )

export const percent = (share: string): string =>
  new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 }).format(Number(share))

export const weighed = (credit: Credit): string => {
  const two = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 })
  return `weighed ${two.format(credit.actorWeight)} of ${two.format(credit.totalWeight)} → ${percent(credit.share)}`
}
