// For tier tests: a won deal (closed 2026-05-20) with one referral by a partner, each step's events
// delivered before the next, so the partner's credit under the paying model is in place.
import { expect } from 'vitest'

type Answer = { statusCode: number; body: string; json(): { id: string } }
/** The part of a signed-in test client this needs, and the event bus its requests publish to. */
interface Staff {
  post(path: string, body: unknown): Promise<Answer>
}
interface Bus {
  bus: { drain(): Promise<unknown> }
}

export async function recordWonDeal(
  live: Bus,
  staff: Staff,
  name: string,
  amount: string,
  partnerId: string,
): Promise<string> {
  const deal = await staff.post('/api/v1/deals', {
    name,
    amount,
    currency: 'USD',
    status: 'won',
    openedAt: '2026-03-01T12:00:00Z',
    closedAt: '2026-05-20T12:00:00Z',
  })
  expect(deal.statusCode, deal.body).toBe(201)
  await live.bus.drain()
  const touch = await staff.post('/api/v1/touchpoints', {
    dealId: deal.json().id,
    actor: { kind: 'partner', partnerId },
    activityType: 'referral',
    occurredAt: '2026-04-01T00:00:00Z',
  })
  expect(touch.statusCode, touch.body).toBe(201)
  await live.bus.drain()
  return deal.json().id
}
