import { AttributionError } from './attribution-error'
import { prepareJourney } from './prepare'
import { type AttributionOptions, DIRECT, type Journey, type PreparedJourney, type Touch } from './types'

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
  /** 1 for a journey whose touches were all filtered out by the options: it is credited to direct. */
  isEmptied?: Uint8Array
  /** Currency id of each journey, into `currencies` (absent from columns built without them). */
  currency?: Int32Array
  currencies?: string[]
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

/** One journey already prepared (touches in time order, window, exclusions and de-duplication applied). */
export interface PreparedRows {
  id: string
  /** Whole minor units, a safe integer. */
  amountMinor: number
  /** Ids from the builder's idOf* functions. */
  currency: number
  outcome: number
  createdAt: number
  referenceTime: number
  touchCount: number
  /** Whether the journey had touches before the options filtered them (all of them, when touchCount is 0). */
  hadTouches?: boolean
  actor: Int32Array
  kind: Int32Array
  activity: Int32Array
  at: Float64Array
}

export interface ColumnsBuilder {
  /** Adds one journey after options (window, exclusions, de-duplication); `index` names it in errors. */
  add(journey: Journey, index: number): void
  /** Adds a journey a reader has prepared itself, with names interned through the functions below. */
  addPrepared(rows: PreparedRows): void
  actorIdOf(name: string): number
  kindIdOf(name: string): number
  activityIdOf(name: string): number
  currencyIdOf(name: string): number
  finish(): JourneyColumns
}

function growInts(values: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  if (size <= values.length) return values
  const larger = new Int32Array(Math.max(size, values.length * 2))
  larger.set(values)
  return larger
}

function growFloats(values: Float64Array<ArrayBuffer>, size: number): Float64Array<ArrayBuffer> {
  if (size <= values.length) return values
  const larger = new Float64Array(Math.max(size, values.length * 2))
  larger.set(values)
  return larger
}

/** Columns grown one journey at a time, so a stream of journeys never needs to be held as objects. */
export function createColumnsBuilder(options: AttributionOptions = {}): ColumnsBuilder {
  const actors = createInterner()
  const kinds = createInterner()
  const activities = createInterner()
  const currencies = createInterner()
  const actorKinds: number[] = []
  const journeyIds: string[] = []
  let journeyCount = 0
  let touchCount = 0
  let touchStart = new Int32Array(1025)
  let touchActor = new Int32Array(4096)
  let touchKind = new Int32Array(4096)
  let touchActivity = new Int32Array(4096)
  let touchAt = new Float64Array(4096)
  let amountMinor = new Float64Array(1024)
  let createdAt = new Float64Array(1024)
  let referenceTime = new Float64Array(1024)
  let outcome = new Uint8Array(1024)
  let currency = new Int32Array(1024)
  let isEmptied = new Uint8Array(1024)
  const actorRow = new Int32Array(0)
  const scratch: PreparedRows = {
    id: '',
    amountMinor: 0,
    currency: 0,
    outcome: OUTCOME_OPEN,
    createdAt: 0,
    referenceTime: 0,
    touchCount: 0,
    actor: actorRow,
    kind: actorRow,
    activity: actorRow,
    at: new Float64Array(0),
  }
  const addPrepared = (rows: PreparedRows) => {
    const at = journeyCount++
    if (at >= amountMinor.length) {
      const size = at + 1
      amountMinor = growFloats(amountMinor, size)
      createdAt = growFloats(createdAt, size)
      referenceTime = growFloats(referenceTime, size)
      currency = growInts(currency, size)
      const larger = new Uint8Array(amountMinor.length)
      larger.set(outcome)
      outcome = larger
      const emptied = new Uint8Array(amountMinor.length)
      emptied.set(isEmptied)
      isEmptied = emptied
    }
    touchStart = growInts(touchStart, at + 2)
    journeyIds.push(rows.id)
    amountMinor[at] = rows.amountMinor
    createdAt[at] = rows.createdAt
    referenceTime[at] = rows.referenceTime
    currency[at] = rows.currency
    outcome[at] = rows.outcome
    isEmptied[at] = rows.touchCount === 0 && rows.hadTouches ? 1 : 0
    const needed = touchCount + rows.touchCount
    if (needed > touchActor.length) {
      touchActor = growInts(touchActor, needed)
      touchKind = growInts(touchKind, needed)
      touchActivity = growInts(touchActivity, needed)
      touchAt = growFloats(touchAt, needed)
    }
    for (let row = 0; row < rows.touchCount; row++) {
      const actor = rows.actor[row]
      const kind = rows.kind[row]
      // an actor's kind is the one of its first counted touch
      if (actor === actorKinds.length) actorKinds.push(kind)
      touchActor[touchCount] = actor
      touchKind[touchCount] = kind
      touchActivity[touchCount] = rows.activity[row]
      touchAt[touchCount] = rows.at[row]
      touchCount++
    }
    touchStart[at + 1] = touchCount
  }
  return {
    add(journey, index) {
      const prepared = prepareJourney(journey, options)
      const amount = Number(journey.amountMinor)
      if (!Number.isSafeInteger(amount)) {
        throw new AttributionError(
          'INVALID_JOURNEY',
          'amount is beyond 2^53 minor units',
          `journeys[${index}].amountMinor`,
        )
      }
      const count = prepared.touches.length
      scratch.id = journey.id
      scratch.amountMinor = amount
      scratch.currency = currencies.idOf(journey.currency)
      scratch.outcome =
        journey.outcome === 'won' ? OUTCOME_WON : journey.outcome === 'lost' ? OUTCOME_LOST : OUTCOME_OPEN
      scratch.createdAt = journey.createdAt
      scratch.referenceTime = prepared.referenceTime
      scratch.touchCount = count
      scratch.hadTouches = journey.touches.length > 0
      scratch.actor = new Int32Array(count)
      scratch.kind = new Int32Array(count)
      scratch.activity = new Int32Array(count)
      scratch.at = new Float64Array(count)
      // interned in time order, so ids are in the order actors are first counted
      prepared.touches.forEach((touch, row) => {
        scratch.actor[row] = actors.idOf(touch.actor)
        scratch.kind[row] = kinds.idOf(touch.actorKind)
        scratch.activity[row] = activities.idOf(touch.activity)
        scratch.at[row] = touch.at
      })
      addPrepared(scratch)
    },
    addPrepared,
    actorIdOf: (name) => actors.idOf(name),
    kindIdOf: (name) => kinds.idOf(name),
    activityIdOf: (name) => activities.idOf(name),
    currencyIdOf: (name) => currencies.idOf(name),
    finish() {
      return {
        journeyCount,
        touchStart: touchStart.slice(0, journeyCount + 1),
        touchActor: touchActor.slice(0, touchCount),
        touchKind: touchKind.slice(0, touchCount),
        touchActivity: touchActivity.slice(0, touchCount),
        touchAt: touchAt.slice(0, touchCount),
        amountMinor: amountMinor.slice(0, journeyCount),
        createdAt: createdAt.slice(0, journeyCount),
        referenceTime: referenceTime.slice(0, journeyCount),
        outcome: outcome.slice(0, journeyCount),
        actors: actors.names,
        actorKind: Int32Array.from(actorKinds),
        kinds: kinds.names,
        activities: activities.names,
        journeyIds,
        currency: currency.slice(0, journeyCount),
        currencies: currencies.names,
        isEmptied: isEmptied.slice(0, journeyCount),
      }
    },
  }
}

/** Converts journeys (after options: window, exclusions, de-duplication) to columns. */
/**
 * The actor id credits to direct go to: direct's own id when it touched a journey, else one past the
 * last actor (totals and credits name it `direct`).
 */
export function directActorOf(columns: JourneyColumns): number {
  const id = columns.actors.indexOf(DIRECT)
  return id >= 0 ? id : columns.actors.length
}

export function toColumns(journeys: readonly Journey[], options: AttributionOptions = {}): JourneyColumns {
  const builder = createColumnsBuilder(options)
  journeys.forEach((journey, index) => {
    builder.add(journey, index)
  })
  return builder.finish()
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
    currency: columns.currencies?.[columns.currency?.[index] ?? -1] ?? 'XXX',
    outcome: outcome === OUTCOME_WON ? 'won' : outcome === OUTCOME_LOST ? 'lost' : 'open',
    createdAt: columns.createdAt[index],
    closedAt: columns.referenceTime[index],
    kind: 'new',
    touches,
  }
  return { journey, touches, referenceTime: columns.referenceTime[index], actors }
}
