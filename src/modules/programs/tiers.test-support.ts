// For program tests: deals and partner touches recorded through the API, each step's events delivered
// before the next, so the partner's credit under the paying model is in place; and a won deal
// (closed 2026-05-20) with one referral by a partner.
import { expect } from 'vitest'

type Answer = { statusCode: number; body: string; json(): { id: string } }
/** The part of a signed-in test client this needs, and the event bus its requests publish to. */
interface Staff {
  post(path: string, body: unknown): Promise<Answer>
}
interface Bus {
  bus: { drain(): Promise<unknown> }
}

/** A deal in USD, opened on `openedAt` and closed on `closedAt` (when given); answers its id. */
export async function recordDeal(
  live: Bus,
  staff: Staff,
  deal: {
    name: string
    status: 'won' | 'lost' | 'open'
    amount: string
    type?: 'new' | 'renewal' | 'expansion'
    parentDealId?: string
    closedAt?: string
    openedAt?: string
  },
): Promise<string> {
  const { closedAt, openedAt = '2025-11-01T12:00:00Z', ...rest } = deal
  const created = await staff.post('/api/v1/deals', {
    ...rest,
    currency: 'USD',
    openedAt,
    ...(closedAt ? { closedAt } : {}),
  })
  expect(created.statusCode, created.body).toBe(201)
  await live.bus.drain()
  return created.json().id
}

/** A referral by the partner on the deal. */
export async function recordTouch(
  live: Bus,
  staff: Staff,
  dealId: string,
  partnerId: string,
  occurredAt: string,
): Promise<void> {
  const touch = await staff.post('/api/v1/touchpoints', {
    dealId,
    actor: { kind: 'partner', partnerId },
    activityType: 'referral',
    occurredAt,
  })
  expect(touch.statusCode, touch.body).toBe(201)
  await live.bus.drain()
}

export async function recordWonDeal(
  live: Bus,
  staff: Staff,
  name: string,
  amount: string,
  partnerId: string,
): Promise<string> {
  const dealId = await recordDeal(live, staff, {
    name,
    amount,
    status: 'won',
    openedAt: '2026-03-01T12:00:00Z',
    closedAt: '2026-05-20T12:00:00Z',
  })
  await recordTouch(live, staff, dealId, partnerId, '2026-04-01T00:00:00Z')
  return dealId
}
