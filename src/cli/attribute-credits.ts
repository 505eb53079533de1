// Per-journey credits of `credence attribute --output json|csv`, in the compact format of
// docs/attribution.md ("Output"): one JSON line per journey; model, params and version once in the
// document head. Written from the columns and the batch credits for models with a columnar kernel,
// or from per-journey results for the others, in the same shape and with the same minor units.
import type {
  BatchCredits,
  BatchExplainer,
  Journey,
  JourneyAttribution,
  JourneyColumns,
} from '../attribution'
import { currencyExponent } from '../money'
import type { OutputSink } from './attribute-output'

export const CREDITS_FORMAT = 'credence.credits/2'

const SHARE_SCALE = 10_000_000_000

export const CSV_HEADER = ['journey_id', 'actor', 'actor_kind', 'share', 'amount', 'currency', 'explanation']

/** formatAmount on a whole number of minor units held in a double (exact below 2^53). */
function createAmountFormatter(currency: string): (amountMinor: number) => string {
  const exponent = currencyExponent(currency)
  return (amountMinor) => {
    const digits = String(Math.abs(amountMinor)).padStart(exponent + 1, '0')
    const whole = digits.slice(0, digits.length - exponent)
    const text = exponent === 0 ? whole : `${whole}.${digits.slice(digits.length - exponent)}`
    return amountMinor < 0 ? `-${text}` : text
  }
}

const quote = (text: string): string => JSON.stringify(text)

/**
 * Writes one JSON line per journey of a batch, in journey order, piece by piece into the sink;
 * `begin` is called before each line.
 */
export function writeBatchJourneysJson(
  sink: OutputSink,
  columns: JourneyColumns,
  credits: BatchCredits,
  explainer: BatchExplainer,
  begin: () => void,
): void {
  const actorJson = columns.actors.map((name) => `{"actor":${quote(name)},"kind":`)
  const actorKindJson = columns.actors.map((_, id) => quote(columns.kinds[columns.actorKind[id]] ?? ''))
  const activityJson = columns.activities.map((name) => `,${quote(name)},`)
  const currencies = columns.currencies ?? ['XXX']
  const currencyJson = currencies.map((name) => `,"currency":${quote(name)},"amountMinor":"`)
  const outcomeJson = ['open', 'won', 'lost'].map((name) => `,"outcome":"${name}"`)
  // explanation sentences are made of the label, activity names, notes and numbers: quote them only when one needs it
  const isPlain = (text: string) => quote(text) === `"${text}"`
  const isTextPlain =
    isPlain(explainer.label) && columns.activities.every(isPlain) && columns.actors.every(isPlain)
  const exponents = currencies.map((code) => currencyExponent(code))
  const starts = columns.touchStart
  for (let journey = 0; journey < columns.journeyCount; journey++) {
    begin()
    const currency = columns.currency?.[journey] ?? 0
    const exponent = exponents[currency] ?? 2
    const scale = 10 ** exponent
    sink.write('{"id":')
    sink.write(quote(columns.journeyIds[journey] ?? String(journey)))
    sink.write(outcomeJson[columns.outcome[journey]] ?? '')
    sink.write(currencyJson[currency] ?? '')
    sink.writeNumber(columns.amountMinor[journey])
    sink.write('","referenceTime":')
    sink.writeNumber(columns.referenceTime[journey])
    sink.write(',"totalWeight":')
    sink.writeNumber(explainer.totalWeightOf(journey))
    sink.write(',"credits":[')
    const creditEnd = credits.creditStart[journey + 1]
    for (let slot = credits.creditStart[journey]; slot < creditEnd; slot++) {
      const actor = credits.creditActor[slot]
      const amountMinor = credits.creditAmountMinor[slot]
      if (slot !== credits.creditStart[journey]) sink.write(',')
      sink.write(actorJson[actor] ?? '{"actor":"direct","kind":')
      sink.write(actorKindJson[actor] ?? '"direct"')
      const units = explainer.shareUnits[slot]
      sink.write(units >= SHARE_SCALE ? ',"share":"1.' : ',"share":"0.')
      sink.writeNumber(units >= SHARE_SCALE ? units - SHARE_SCALE : units, 10)
      sink.write('","amountMinor":"')
      sink.writeNumber(amountMinor)
      // formatAmount, digit by digit
      const magnitude = Math.abs(amountMinor)
      sink.write(amountMinor < 0 ? '","amount":"-' : '","amount":"')
      sink.writeNumber(Math.floor(magnitude / scale))
      if (exponent > 0) {
        sink.write('.')
        sink.writeNumber(magnitude % scale, exponent)
      }
      sink.write('","text":')
      const text = explainer.describe(journey, slot)
      // the arrow as an escape keeps the output ASCII, which is cheaper to hand on
      sink.write(isTextPlain ? `"${text.replace('→', '\\u2192')}"` : quote(text))
      sink.write(',"touches":[')
      let isFirst = true
      for (let row = starts[journey]; row < starts[journey + 1]; row++) {
        if (columns.touchActor[row] !== actor) continue
        sink.write(isFirst ? '[' : ',[')
        isFirst = false
        sink.writeNumber(row - starts[journey])
        sink.write(activityJson[columns.touchActivity[row]] ?? ',"",')
        sink.writeNumber(columns.touchAt[row])
        sink.write(',')
        sink.writeNumber(explainer.weightOf(journey, row))
        sink.write(']')
      }
      sink.write(']}')
    }
    const notes = explainer.notesOf(journey)
    sink.write(notes.length === 0 ? ']}' : `],"notes":${JSON.stringify(notes)}}`)
  }
}

/** The same line from a per-journey result (tiers, recurring credit and models without a kernel). */
export function journeyResultJson(
  result: JourneyAttribution,
  journey: Journey,
  referenceTime: number,
): string {
  const format = createAmountFormatter(result.currency)
  const totalWeight = result.touches.reduce((sum, touch) => sum + touch.weight, 0)
  const credits = result.credits.map((credit) => ({
    actor: credit.actor,
    kind: credit.actorKind,
    share: credit.shareDecimal,
    amountMinor: String(credit.amountMinor),
    amount: format(Number(credit.amountMinor)),
    text: credit.explanation.text,
    touches: credit.explanation.touches.map((touch) =>
      touch.touchId === undefined
        ? [touch.index, touch.activity, touch.at, touch.weight]
        : [touch.index, touch.activity, touch.at, touch.weight, touch.touchId],
    ),
    ...(credit.explanation.adjustments.length > 0 ? { adjustments: credit.explanation.adjustments } : {}),
  }))
  return JSON.stringify({
    id: result.journeyId,
    outcome: journey.outcome,
    currency: result.currency,
    amountMinor: String(result.amountMinor),
    referenceTime,
    totalWeight,
    credits,
    ...(result.notes.length > 0 ? { notes: result.notes } : {}),
  })
}

/** A CSV field: quoted when it holds a quote, a comma or a line break. */
function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** CSV rows of a batch, one per credit: the columns of CSV_HEADER, as writeCsvRow writes them. */
export function writeBatchJourneysCsv(
  sink: OutputSink,
  columns: JourneyColumns,
  credits: BatchCredits,
  explainer: BatchExplainer,
): void {
  const currencies = columns.currencies ?? ['XXX']
  const exponents = currencies.map((code) => currencyExponent(code))
  const currencyCells = currencies.map((code) => `,${csvField(code)},`)
  // actor and kind cells between commas, computed once per actor
  const actorCells = columns.actors.map(
    (name, id) => `,${csvField(name)},${csvField(columns.kinds[columns.actorKind[id]] ?? '')},`,
  )
  for (let journey = 0; journey < columns.journeyCount; journey++) {
    const currency = columns.currency?.[journey] ?? 0
    const exponent = exponents[currency] ?? 2
    const scale = 10 ** exponent
    const id = csvField(columns.journeyIds[journey] ?? String(journey))
    for (let slot = credits.creditStart[journey]; slot < credits.creditStart[journey + 1]; slot++) {
      sink.write(id)
      sink.write(actorCells[credits.creditActor[slot]] ?? ',direct,direct,')
      const units = explainer.shareUnits[slot]
      sink.write(units >= SHARE_SCALE ? '1.' : '0.')
      sink.writeNumber(units >= SHARE_SCALE ? units - SHARE_SCALE : units, 10)
      const amountMinor = credits.creditAmountMinor[slot]
      const magnitude = Math.abs(amountMinor)
      sink.write(amountMinor < 0 ? ',-' : ',')
      sink.writeNumber(Math.floor(magnitude / scale))
      if (exponent > 0) {
        sink.write('.')
        sink.writeNumber(magnitude % scale, exponent)
      }
      sink.write(currencyCells[currency] ?? ',XXX,')
      sink.write(csvField(explainer.describe(journey, slot)))
      sink.write('\n')
    }
  }
}
