import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { attributeJourney, learnModel } from '../engine'
import { generateJourneys } from '../synthetic'
import {
  type AttributionModel,
  DIRECT,
  type Journey,
  type JourneyAttribution,
  type LearnedModel,
} from '../types'
import { MODELS } from './index'

const DAY = 86_400_000
const CLOSE = Date.UTC(2025, 5, 30)
const training = generateJourneys({ count: 400, seed: 7, activityLift: { demo: 1, referral: 1.5 } })
const learnedByKey = new Map<string, LearnedModel>()

function learnedFor(model: AttributionModel): LearnedModel | undefined {
  if (!model.isLearned) return undefined
  let learned = learnedByKey.get(model.key)
  if (!learned) {
    learned = learnModel(training, { key: model.key })
    learnedByKey.set(model.key, learned)
  }
  return learned
}

function run(model: AttributionModel, journey: Journey): JourneyAttribution {
  const learned = learnedFor(model)
  return attributeJourney(journey, { key: model.key, ...(learned ? { learned } : {}) })
}

function journeyOf(touches: Journey['touches'], amountMinor = 100_001n): Journey {
  return {
    id: 'deal-1',
    amountMinor,
    currency: 'USD',
    outcome: 'won',
    createdAt: CLOSE - 30 * DAY,
    closedAt: CLOSE,
    kind: 'new',
    touches,
  }
}

const mixed = journeyOf([
  { actor: 'p1', actorKind: 'reseller', activity: 'referral', at: CLOSE - 20 * DAY },
  { actor: 'p2', actorKind: 'referral', activity: 'demo', at: CLOSE - 9 * DAY },
  { actor: DIRECT, actorKind: DIRECT, activity: 'meeting', at: CLOSE - 5 * DAY },
  { actor: 'p1', actorKind: 'reseller', activity: 'demo', at: CLOSE - 2 * DAY },
  { actor: 'p3', actorKind: 'marketplace', activity: 'email', at: CLOSE - 1 * DAY },
])

function expectValidCredits(result: JourneyAttribution, amountMinor: bigint): void {
  const shareSum = result.credits.reduce((sum, credit) => sum + credit.share, 0)
  expect(Math.abs(shareSum - 1)).toBeLessThan(1e-9)
  for (const credit of result.credits) expect(credit.share).toBeGreaterThanOrEqual(0)
  expect(result.credits.reduce((sum, credit) => sum + credit.amountMinor, 0n)).toBe(amountMinor)
  const decimalUnits = result.credits.reduce(
    (sum, credit) => sum + BigInt(credit.shareDecimal.replace('.', '')),
    0n,
  )
  expect(decimalUnits).toBe(10_000_000_000n)
  for (const credit of result.credits) expect(credit.explanation.text.length).toBeGreaterThan(20)
}

/** The contract every model keeps, whatever its weighting. */
export function runModelContract(model: AttributionModel): void {
  it('gives non-negative shares summing to 1 and amounts summing exactly to the deal', () => {
    expectValidCredits(run(model, mixed), mixed.amountMinor)
  })

  it('splits a negative amount (a refund) exactly too', () => {
    const refund = { ...mixed, amountMinor: -99_997n }
    expectValidCredits(run(model, refund), -99_997n)
  })

  it('is deterministic', () => {
    expect(run(model, mixed)).toEqual(run(model, mixed))
  })

  it('does not depend on the order of the touches', () => {
    const reversed = { ...mixed, touches: [...mixed.touches].reverse() }
    expect(run(model, reversed).credits).toEqual(run(model, mixed).credits)
  })

  it('gives no credit for an empty journey and says so', () => {
    const result = run(model, journeyOf([]))
    expect(result.credits).toEqual([])
    expect(result.notes.join(' ')).toMatch(/nothing to credit/)
  })

  it('gives a single touch all the credit', () => {
    const result = run(
      model,
      journeyOf([{ actor: 'p2', actorKind: 'referral', activity: 'demo', at: CLOSE - DAY }]),
    )
    expect(result.credits.map((credit) => [credit.actor, credit.amountMinor])).toEqual([['p2', 100_001n]])
  })

  it('credits a journey without partner touches wholly to direct', () => {
    const result = run(
      model,
      journeyOf([
        { actor: DIRECT, actorKind: DIRECT, activity: 'meeting', at: CLOSE - 3 * DAY },
        { actor: DIRECT, actorKind: DIRECT, activity: 'demo', at: CLOSE - DAY },
      ]),
    )
    expect(result.credits.map((credit) => [credit.actor, credit.share])).toEqual([[DIRECT, 1]])
  })

  it('keeps the invariants on random journeys', () => {
    const touchArb = fc.record({
      actor: fc.constantFrom('p1', 'p2', 'p3', 'p4', DIRECT),
      activity: fc.constantFrom('referral', 'demo', 'meeting', 'email', 'deal_registration'),
      daysBefore: fc.integer({ min: 0, max: 120 }),
    })
    fc.assert(
      fc.property(
        fc.array(touchArb, { minLength: 1, maxLength: 9 }),
        fc.bigInt({ min: -(10n ** 9n), max: 10n ** 12n }),
        (touches, amountMinor) => {
          const journey = journeyOf(
            touches.map((touch) => ({
              actor: touch.actor,
              actorKind: touch.actor === DIRECT ? DIRECT : touch.actor === 'p1' ? 'reseller' : 'referral',
              activity: touch.activity,
              at: CLOSE - touch.daysBefore * DAY,
            })),
            amountMinor,
          )
          expectValidCredits(run(model, journey), amountMinor)
        },
      ),
      { numRuns: 60 },
    )
  })
}

for (const model of Object.values(MODELS)) {
  describe(`${model.key} contract`, () => runModelContract(model))
}
