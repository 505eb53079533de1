import {
  type AttributionOptions,
  compare,
  type Journey,
  type JourneyColumns,
  type ModelSpec,
  nameColumns,
  recommend,
} from '../attribution'
import { formatAmount } from '../money'
import {
  type CompareFlags,
  checkFormats,
  paramsJsonOf,
  type RecommendFlags,
  readModelList,
  readOptions,
} from './attribute-flags'
import { InputError } from './attribute-input'
import { type OutputSink, toJsonAt, writeJsonDocument, writeRows } from './attribute-output'
import { forEachJourney, readColumns } from './attribute-read'
import { computeTotals, isColumnar, learnFromColumns } from './attribute-totals'
export function compareFile(sink: OutputSink, flags: CompareFlags): void {
  checkFormats(flags)
  if (flags.format === 'paths') throw new InputError('--format: compare needs journeys')
  const specs = readModelList(flags.models)
  const options = readOptions(flags)
  const ids = nameColumns(specs)
  const paying = flags.paying ?? ids[0] ?? 'linear'
  const isAllColumnar = specs.every(
    (spec) => isColumnar(spec.key, options) || spec.key === 'shapley' || spec.key === 'ai',
  )
  const journeys: Journey[] | undefined = isAllColumnar ? undefined : []
  const columns = readColumns(flags, options, journeys)
  const result = journeys
    ? compare(journeys, specs, { ...options, paying })
    : compareColumns(columns, specs, ids, paying, options)
  const modelIds = result.models.map((model) => model.id)
  if (flags.output === 'json') {
    writeJsonDocument(
      sink,
      { models: result.models, paying: result.paying },
      'rows',
      (emit) => {
        for (const row of result.rows) emit(row)
      },
      () => ({}),
    )
    return
  }
  writeRows(sink, flags.output, [
    [
      'actor',
      'currency',
      ...modelIds.flatMap((id) => (id === result.paying ? [id] : [id, `${id} vs ${result.paying}`])),
    ],
    ...result.rows.map((row) => [
      row.actor,
      row.currency,
      ...modelIds.flatMap((id) => {
        const cell = row.byModel[id]
        const value = formatAmount(cell?.valueMinor ?? 0n, row.currency)
        return id === result.paying
          ? [value]
          : [value, formatAmount(cell?.differenceMinor ?? 0n, row.currency)]
      }),
    ]),
  ])
}

function compareColumns(
  columns: JourneyColumns,
  specs: readonly ModelSpec[],
  ids: readonly string[],
  paying: string,
  options: AttributionOptions,
): ReturnType<typeof compare> {
  const rows = new Map<string, ReturnType<typeof compare>['rows'][number]>()
  const models = specs.map((spec, index) => {
    const id = ids[index] ?? spec.key
    const learned = learnFromColumns(columns, spec, options)
    for (const total of computeTotals(columns, learned ? { ...spec, learned } : spec)) {
      const key = `${total.actor}\u0000${total.currency}`
      const row = rows.get(key) ?? {
        actor: total.actor,
        actorKind: total.actorKind,
        currency: total.currency,
        byModel: {},
      }
      row.byModel[id] = { valueMinor: total.valueMinor, conversions: total.conversions, differenceMinor: 0n }
      rows.set(key, row)
    }
    return {
      id,
      key: spec.key,
      params: paramsJsonOf(spec),
      ...(learned ? { modelVersion: learned.version } : {}),
    }
  })
  for (const row of rows.values()) {
    for (const id of ids) row.byModel[id] ??= { valueMinor: 0n, conversions: 0, differenceMinor: 0n }
    const base = row.byModel[paying]?.valueMinor ?? 0n
    for (const cell of Object.values(row.byModel)) cell.differenceMinor = cell.valueMinor - base
  }
  const sorted = [...rows.values()].sort((a, b) => {
    const av = a.byModel[paying]?.valueMinor ?? 0n
    const bv = b.byModel[paying]?.valueMinor ?? 0n
    return av === bv ? (a.actor < b.actor ? -1 : 1) : av > bv ? -1 : 1
  })
  return { models, paying, rows: sorted }
}

export function recommendFile(sink: OutputSink, flags: RecommendFlags): void {
  checkFormats(flags)
  if (flags.format === 'paths') throw new InputError('--format: recommend needs journeys')
  const fraction = flags.split === undefined ? undefined : Number(flags.split)
  if (fraction !== undefined && !(fraction > 0 && fraction < 1))
    throw new InputError('--split: must be between 0 and 1')
  const specs = readModelList(flags.models)
  const options = readOptions(flags)
  const journeys: Journey[] = []
  forEachJourney(flags, (journey) => journeys.push(journey))
  const result = recommend(journeys, specs, {
    ...options,
    ...(fraction !== undefined ? { earlierFraction: fraction } : {}),
  })
  if (flags.output === 'json') {
    sink.write(`${toJsonAt(result, 0)}\n`)
    return
  }
  writeRows(sink, flags.output, [
    ['rank', 'model', 'rank correlation', 'weighted error'],
    ...result.scores.map((score) => [
      score.rank,
      score.id,
      score.rankCorrelation.toFixed(3),
      score.weightedError.toFixed(3),
    ]),
  ])
  if (flags.output === 'table') sink.write(`\n${result.explanation}\n`)
}
