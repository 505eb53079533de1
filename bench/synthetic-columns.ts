import {
  createRandom,
  type JourneyColumns,
  OUTCOME_LOST,
  OUTCOME_OPEN,
  OUTCOME_WON,
} from '../src/attribution'

// Builds columnar journeys straight into typed arrays, so generating a million journeys costs no
// per-touch objects and the benchmark measures the engine, not the generator.

export interface ColumnsSpec {
  journeys: number
  actors: number
  kinds: number
  activities: number
  /** Fixed touches per journey, or [min, max] drawn uniformly. */
  touches: number | readonly [number, number]
  seed: number
}

const DAY = 86_400_000

export function generateColumns(spec: ColumnsSpec): JourneyColumns {
  const random = createRandom(spec.seed)
  const [minTouches, maxTouches] =
    typeof spec.touches === 'number' ? [spec.touches, spec.touches] : spec.touches
  const touchStart = new Int32Array(spec.journeys + 1)
  for (let journey = 0; journey < spec.journeys; journey++) {
    touchStart[journey + 1] =
      touchStart[journey] + minTouches + Math.floor(random() * (maxTouches - minTouches + 1))
  }
  const touchTotal = touchStart[spec.journeys]
  const actorKind = Int32Array.from({ length: spec.actors }, (_, actor) =>
    actor === 0 ? 0 : 1 + (actor % (spec.kinds - 1)),
  )
  // a per-actor quality so outcomes depend on who touched the deal
  const quality = Float64Array.from({ length: spec.actors }, () => random() * 2 - 1)
  const columns: JourneyColumns = {
    journeyCount: spec.journeys,
    touchStart,
    touchActor: new Int32Array(touchTotal),
    touchKind: new Int32Array(touchTotal),
    touchActivity: new Int32Array(touchTotal),
    touchAt: new Float64Array(touchTotal),
    amountMinor: new Float64Array(spec.journeys),
    createdAt: new Float64Array(spec.journeys),
    referenceTime: new Float64Array(spec.journeys),
    outcome: new Uint8Array(spec.journeys),
    actors: Array.from({ length: spec.actors }, (_, actor) => (actor === 0 ? 'direct' : `p${actor}`)),
    actorKind,
    kinds: Array.from({ length: spec.kinds }, (_, kind) => (kind === 0 ? 'direct' : `kind${kind}`)),
    activities: Array.from({ length: spec.activities }, (_, activity) => `activity${activity}`),
    journeyIds: [],
  }
  const start = Date.UTC(2024, 0, 1)
  for (let journey = 0; journey < spec.journeys; journey++) {
    const createdAt = start + Math.floor(random() * 365) * DAY
    const closedAt = createdAt + (20 + Math.floor(random() * 70)) * DAY
    columns.createdAt[journey] = createdAt
    columns.referenceTime[journey] = closedAt
    columns.amountMinor[journey] = 1000 + Math.floor(random() * 5_000_000)
    let logit = -1
    let at = createdAt - 10 * DAY
    for (let row = touchStart[journey]; row < touchStart[journey + 1]; row++) {
      const actor = Math.floor(random() * spec.actors)
      columns.touchActor[row] = actor
      columns.touchKind[row] = actorKind[actor]
      columns.touchActivity[row] = Math.floor(random() * spec.activities)
      at += Math.floor(random() * 10 * DAY)
      columns.touchAt[row] = Math.min(at, closedAt)
      logit += 0.4 * quality[actor]
    }
    const draw = random()
    columns.outcome[journey] =
      draw < 0.1 ? OUTCOME_OPEN : random() < 1 / (1 + Math.exp(-logit)) ? OUTCOME_WON : OUTCOME_LOST
  }
  return columns
}
