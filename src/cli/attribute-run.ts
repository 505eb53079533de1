// What `credence attribute` runs: reads the input as a stream, attributes, and writes the output as a
// stream. Journeys are read once into columns (and, for per-journey output, read again one by one
// so no journey object outlives its credits).
import type { Command } from 'commander'
import {
  type ActorTotal,
  AttributionError,
  type AttributionOptions,
  attributeJourneys,
  attributePathTable,
  checkOptions,
  compare,
  createColumnsBuilder,
  createJourneyAttributor,
  getModel,
  type Journey,
  type JourneyAttribution,
  type JourneyColumns,
  type JsonValue,
  type LearnedModel,
  MODEL_KEYS,
  type ModelKey,
  type ModelSpec,
  nameColumns,
  type PathTable,
  readJourney,
  readJourneyColumns,
  readPathsCsv,
  recommend,
} from '../attribution'
import { formatAmount, MoneyError } from '../money'
import {
  type ByteFile,
  InputError,
  openByteFile,
  streamJourneysJson,
  streamJourneysNdjson,
} from './attribute-input'
import {
  type OutputSink,
  openOutput,
  toJsonAt,
  writeCsvRow,
  writeJsonDocument,
  writeRows,
} from './attribute-output'
import { createProgress } from './attribute-progress'
import { describeTraining } from './attribute-report'
import { computeTotals, isColumnar, learnFromColumns } from './attribute-totals'

export type OutputFormat = 'json' | 'csv' | 'table'

export interface CommonFlags {
  input?: string
  format: 'journeys' | 'ndjson' | 'paths'
  output: OutputFormat
  options?: string
  asOf?: string
  out?: string
}

export type AttributeFlags = CommonFlags & { model: string; params?: string }
export type CompareFlags = CommonFlags & { models?: string; paying?: string }
export type RecommendFlags = CommonFlags & { models?: string; split?: string }

function parseJsonFlag(text: string | undefined, flag: string): unknown {
  if (text === undefined) return undefined
  try {
    return JSON.parse(text)
  } catch {
    throw new InputError(`${flag}: not valid JSON`)
  }
}

function readOptions(flags: CommonFlags): AttributionOptions {
  const parsed = parseJsonFlag(flags.options, '--options')
  if (parsed !== undefined && (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))) {
    throw new InputError('--options: must be a JSON object')
  }
  const options: AttributionOptions = { ...(parsed ?? {}) }
  if (flags.asOf !== undefined) {
    const time = Date.parse(flags.asOf)
    if (Number.isNaN(time)) throw new InputError('--as-of: not a date')
    options.asOf = time
  }
  return options
}

function readModelKey(text: string, flag: string): ModelKey {
  const key = MODEL_KEYS.find((candidate) => candidate === text.trim())
  if (!key) throw new InputError(`${flag}: unknown model "${text}" (known: ${MODEL_KEYS.join(', ')})`)
  return key
}

function readModelList(text: string | undefined): ModelSpec[] {
  const keys = text
    ? text.split(',').filter((key) => key.trim() !== '')
    : [...MODEL_KEYS].filter((key) => key !== 'custom')
  if (keys.length === 0) throw new InputError('--models: name at least one model')
  return keys.map((key) => ({ key: readModelKey(key, '--models') }))
}

function checkFormats(flags: CommonFlags): void {
  if (!['journeys', 'ndjson', 'paths'].includes(flags.format))
    throw new InputError('--format: must be journeys, ndjson or paths')
  if (!['json', 'csv', 'table'].includes(flags.output))
    throw new InputError('--output: must be json, csv or table')
}

/** Streams every journey of the input, checked and named as the engine names them. */
function forEachJourney(flags: CommonFlags, visit: (journey: Journey, index: number) => void): void {
  const file: ByteFile = openByteFile(flags.input)
  const progress = createProgress('reading journeys', file.size)
  const seen = new Set<string>()
  try {
    const stream = flags.format === 'ndjson' ? streamJourneysNdjson : streamJourneysJson
    stream(
      file,
      (value, index) => {
        const journey = readJourney(value, `journeys[${index}]`)
        if (seen.has(journey.id))
          throw new AttributionError(
            'INVALID_JOURNEY',
            `duplicate id "${journey.id}"`,
            `journeys[${index}].id`,
          )
        seen.add(journey.id)
        visit(journey, index)
      },
      (bytes) => progress.update(bytes),
    )
  } finally {
    progress.done()
    file.close()
  }
}

function readColumns(flags: CommonFlags, options: AttributionOptions, keep?: Journey[]): JourneyColumns {
  if (keep) {
    const builder = createColumnsBuilder(options)
    forEachJourney(flags, (journey, index) => {
      builder.add(journey, index)
      keep.push(journey)
    })
    return builder.finish()
  }
  const file = openByteFile(flags.input)
  const progress = createProgress('reading journeys', file.size)
  try {
    return readJourneyColumns(file.read, checkOptions(options), {
      format: flags.format === 'ndjson' ? 'ndjson' : 'json',
      onProgress: (bytes) => progress.update(bytes),
    })
  } finally {
    progress.done()
    file.close()
  }
}

function totalJson(total: ActorTotal) {
  return {
    actor: total.actor,
    actorKind: total.actorKind,
    currency: total.currency,
    conversions: total.conversions,
    value: formatAmount(total.valueMinor, total.currency),
    valueMinor: total.valueMinor,
    pipeline: formatAmount(total.pipelineMinor, total.currency),
  }
}

function totalRows(totals: readonly ActorTotal[]): (string | number)[][] {
  return [
    ['actor', 'kind', 'conversions', 'won value', 'pipeline', 'currency'],
    ...totals.map((total) => [
      total.actor,
      total.actorKind,
      total.conversions.toFixed(3),
      formatAmount(total.valueMinor, total.currency),
      formatAmount(total.pipelineMinor, total.currency),
      total.currency,
    ]),
  ]
}

/** Running totals per actor and currency, as summariseCredits computes them. */
function createTotalsAccumulator() {
  const totals = new Map<string, ActorTotal>()
  return {
    add(journey: Journey, result: JourneyAttribution) {
      for (const credit of result.credits) {
        const key = `${credit.actor}\u0000${result.currency}`
        let total = totals.get(key)
        if (!total) {
          total = {
            actor: credit.actor,
            actorKind: credit.actorKind,
            currency: result.currency,
            conversions: 0,
            valueMinor: 0n,
            pipelineMinor: 0n,
            journeys: 0,
          }
          totals.set(key, total)
        }
        total.journeys++
        if (journey.outcome === 'won') {
          total.conversions += credit.share
          total.valueMinor += credit.amountMinor
        } else if (journey.outcome === 'open') total.pipelineMinor += credit.amountMinor
      }
    },
    sorted: (): ActorTotal[] =>
      [...totals.values()].sort((a, b) =>
        a.valueMinor === b.valueMinor ? (a.actor < b.actor ? -1 : 1) : a.valueMinor > b.valueMinor ? -1 : 1,
      ),
  }
}

function journeyJson(result: JourneyAttribution) {
  return {
    id: result.journeyId,
    currency: result.currency,
    notes: result.notes,
    credits: result.credits.map((credit) => ({
      actor: credit.actor,
      actorKind: credit.actorKind,
      share: credit.shareDecimal,
      amountMinor: credit.amountMinor,
      amount: formatAmount(credit.amountMinor, result.currency),
      explanation: credit.explanation,
    })),
  }
}

function attributePathsFile(sink: OutputSink, flags: AttributeFlags, spec: ModelSpec): void {
  const file = openByteFile(flags.input)
  const progress = createProgress('reading paths', file.size)
  let table: PathTable
  try {
    table = readPathsCsv(file.read, { onProgress: (bytes) => progress.update(bytes) })
  } finally {
    progress.done()
    file.close()
  }
  const result = attributePathTable(table, spec)
  const totals = result.channels.map((total) => ({
    actor: total.channel,
    conversions: total.conversions,
    value: total.value,
  }))
  const learned = result.learned?.key === 'markov' ? result.learned.data : undefined
  const chain = learned ? { order: learned.order, states: learned.states, paths: learned.paths } : undefined
  if (flags.output === 'json') {
    writeJsonDocument(
      sink,
      { model: result.model, params: spec.params ?? {}, modelVersion: result.modelVersion, chain },
      'journeys',
      () => {},
      () => ({ totals }),
    )
    return
  }
  writeRows(sink, flags.output, [
    ['channel', 'conversions', 'value'],
    ...totals.map((total) => [total.actor, total.conversions.toFixed(6), total.value.toFixed(2)]),
  ])
  if (chain && flags.output === 'table')
    sink.write(`\nMarkov chain of order ${chain.order}: ${chain.states} states from ${chain.paths} paths\n`)
}

export function attributeFile(sink: OutputSink, flags: AttributeFlags): void {
  checkFormats(flags)
  const spec: ModelSpec = {
    key: readModelKey(flags.model, '--model'),
    params: parseJsonFlag(flags.params, '--params'),
  }
  const options = readOptions(flags)
  if (flags.format === 'paths') {
    attributePathsFile(sink, flags, spec)
    return
  }
  const isTotalsOnly = flags.output === 'table'
  // renewals inherit from their parents, so recurring credit needs every journey at hand
  if (options.recurring) {
    const journeys: Journey[] = []
    forEachJourney(flags, (journey) => journeys.push(journey))
    const run = attributeJourneys(journeys, spec, options)
    const byId = new Map(journeys.map((journey) => [journey.id, journey]))
    writeJourneyResults(sink, flags, spec, run.learned, run.params, (visit) => {
      for (const result of run.journeys) {
        const journey = byId.get(result.journeyId)
        if (journey) visit(journey, result)
      }
    })
    return
  }
  const columns = readColumns(flags, options)
  const learned = learnFromColumns(columns, spec, options)
  const learnedSpec: ModelSpec = learned ? { ...spec, learned } : spec
  if (isTotalsOnly && isColumnar(spec.key, options)) {
    writeRows(sink, 'table', totalRows(computeTotals(columns, learnedSpec)))
    return
  }
  const attribute = createJourneyAttributor(learnedSpec, options)
  writeJourneyResults(sink, flags, spec, learned, undefined, (visit) =>
    forEachJourney(flags, (journey) => visit(journey, attribute(journey))),
  )
}

function writeJourneyResults(
  sink: OutputSink,
  flags: AttributeFlags,
  spec: ModelSpec,
  learned: LearnedModel | undefined,
  paramsJson: unknown,
  each: (visit: (journey: Journey, result: JourneyAttribution) => void) => void,
): void {
  const totals = createTotalsAccumulator()
  if (flags.output === 'table') {
    each((journey, result) => totals.add(journey, result))
    writeRows(sink, 'table', totalRows(totals.sorted()))
    sink.write(describeTraining(learned))
    return
  }
  if (flags.output === 'csv') {
    writeCsvRow(sink, ['journey_id', 'actor', 'actor_kind', 'share', 'amount', 'currency', 'explanation'])
    each((_journey, result) => {
      for (const credit of result.credits)
        writeCsvRow(sink, [
          result.journeyId,
          credit.actor,
          credit.actorKind,
          credit.shareDecimal,
          formatAmount(credit.amountMinor, result.currency),
          result.currency,
          credit.explanation.text,
        ])
    })
    return
  }
  const model = paramsJson ?? paramsJsonOf(spec)
  writeJsonDocument(
    sink,
    {
      model: spec.key,
      params: model,
      modelVersion: learned?.version,
      learned,
    },
    'journeys',
    (emit) =>
      each((journey, result) => {
        totals.add(journey, result)
        emit(journeyJson(result))
      }),
    () => ({ totals: totals.sorted().map(totalJson) }),
  )
}

/** The model's parameters as the engine reads them, defaults filled in. */
function paramsJsonOf(spec: ModelSpec): JsonValue {
  return JSON.parse(JSON.stringify(getModel(spec.key).parseParams(spec.params) ?? {}))
}

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

/** Runs one action; bad input exits 2 naming what is wrong, and --out is written only when complete. */
export function runAction(
  command: Command,
  out: string | undefined,
  produce: (sink: OutputSink) => void,
): void {
  const writeOut = command.configureOutput().writeOut ?? ((text: string) => process.stdout.write(text))
  let sink: OutputSink | undefined
  try {
    sink = openOutput(out, writeOut)
    produce(sink)
    sink.finish()
  } catch (error) {
    sink?.abandon()
    if (error instanceof InputError || error instanceof AttributionError || error instanceof MoneyError) {
      command.error(`credence attribute: ${error.message}`, { exitCode: 2, code: 'credence.invalidInput' })
    }
    throw error
  }
}
