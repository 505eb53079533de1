import { AttributionError } from './attribution-error'
import { prepareJourney } from './prepare'
import type { AttributionOptions, Journey, PreparedJourney, Touch } from './types'

// Columnar journeys: touches of journey j are rows touchStart[j] … touchStart[j+1]−1, in time order;
// actor, kind and activity names are interned into integer ids. Amounts are minor units held in a
// Float64Array, exact up to 2^53, so a full recompute never allocates an object per touch.

export const OUTCOME_OPEN = 0
export const OUTCOME_WON = 1
export const OUTCOME_LOST = 2

export interface JourneyColumns {
  journeyCount: number
  touchStart: Int32Array
  touchActor: Int32Array
  touchKind: Int32Array
  touchActivity: Int32Array
  touchAt: Float64Array
  amountMinor: Float64Array
  createdAt: Float64Array
  /** Close for closed journeys, as-of (or the latest time) for open ones. */
  referenceTime: Float64Array
  outcome: Uint8Array
  actors: string[]
  /** Kind id of each actor id (its first seen kind). */
  actorKind: Int32Array
  kinds: string[]
  activities: string[]
  journeyIds: string[]
}

function createInterner() {
  const ids = new Map<string, number>()
  const names: string[] = []
  return {
    names,
    idOf(name: string) {
      let id = ids.get(name)
      if (id === undefined) {
        id = names.length
        ids.set(name, id)
        names.push(name)
      }
      return id
    },
  }
}

/** Converts journeys (after options: window, exclusions, de-duplication) to columns. */
export function toColumns(journeys: readonly Journey[], options: AttributionOptions = {}): JourneyColumns {
  const prepared = journeys.map((journey) => prepareJourney(journey, options))
  const touchTotal = prepared.reduce((sum, journey) => sum + journey.touches.length, 0)
  const actors = createInterner()
  const kinds = createInterner()
  const activities = createInterner()
  const actorKinds: number[] = []
  const columns: JourneyColumns = {
    journeyCount: journeys.length,
    touchStart: new Int32Array(journeys.length + 1),
    touchActor: new Int32Array(touchTotal),
    touchKind: new Int32Array(touchTotal),
    touchActivity: new Int32Array(touchTotal),
    touchAt: new Float64Array(touchTotal),
    amountMinor: new Float64Array(journeys.length),
    createdAt: new Float64Array(journeys.length),
    referenceTime: new Float64Array(journeys.length),
    outcome: new Uint8Array(journeys.length),
    actors: actors.names,
    actorKind: new Int32Array(0),
    kinds: kinds.names,
    activities: activities.names,
    journeyIds: journeys.map((journey) => journey.id),
  }
  let row = 0
  prepared.forEach((journey, index) => {
    const amount = Number(journey.journey.amountMinor)
    if (!Number.isSafeInteger(amount)) {
      throw new AttributionError(
        'INVALID_JOURNEY',
        'amount is beyond 2^53 minor units',
        `journeys[${index}].amountMinor`,
      )
    }
    columns.amountMinor[index] = amount
    columns.createdAt[index] = journey.journey.createdAt
    columns.referenceTime[index] = journey.referenceTime
    columns.outcome[index] =
      journey.journey.outcome === 'won'
        ? OUTCOME_WON
        : journey.journey.outcome === 'lost'
          ? OUTCOME_LOST
          : OUTCOME_OPEN
    for (const touch of journey.touches) {
      const actor = actors.idOf(touch.actor)
      const kind = kinds.idOf(touch.actorKind)
      if (actor === actorKinds.length) actorKinds.push(kind)
      columns.touchActor[row] = actor
      columns.touchKind[row] = kind
      columns.touchActivity[row] = activities.idOf(touch.activity)
      columns.touchAt[row] = touch.at
      row++
    }
    columns.touchStart[index + 1] = row
  })
  columns.actorKind = Int32Array.from(actorKinds)
  return columns
}

/** One journey back as a prepared object, for models without a columnar kernel. */
export function materialiseJourney(columns: JourneyColumns, index: number): PreparedJourney {
  const touches: Touch[] = []
  const actors: string[] = []
  const seen = new Set<string>()
  for (let row = columns.touchStart[index]; row < columns.touchStart[index + 1]; row++) {
    const actor = columns.actors[columns.touchActor[row]] ?? ''
    touches.push({
      actor,
      actorKind: columns.kinds[columns.touchKind[row]] ?? '',
      activity: columns.activities[columns.touchActivity[row]] ?? '',
      at: columns.touchAt[row],
    })
    if (!seen.has(actor)) {
      seen.add(actor)
      actors.push(actor)
    }
  }
  const outcome = columns.outcome[index]
  const journey: Journey = {
    id: columns.journeyIds[index] ?? String(index),
    amountMinor: BigInt(columns.amountMinor[index]),
    currency: 'XXX',
    outcome: outcome === OUTCOME_WON ? 'won' : outcome === OUTCOME_LOST ? 'lost' : 'open',
    createdAt: columns.createdAt[index],
    closedAt: columns.referenceTime[index],
    kind: 'new',
    touches,
  }
  return { journey, touches, referenceTime: columns.referenceTime[index], actors }
}
