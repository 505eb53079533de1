import {
  type ActorTotal,
  type AttributionOptions,
  attributeJourneys,
  attributePathTable,
  computeBatchCredits,
  computeTouchWeights,
  createBatchExplainer,
  createJourneyAttributor,
  type Journey,
  type JourneyAttribution,
  type JourneyColumns,
  type LearnedModel,
  type ModelSpec,
  type PathTable,
  prepareJourney,
  readPathsCsv,
} from '../attribution'
import { formatAmount } from '../money'
import {
  CREDITS_FORMAT,
  CSV_HEADER,
  journeyResultJson,
  writeBatchJourneysCsv,
  writeBatchJourneysJson,
} from './attribute-credits'
import {
  type AttributeFlags,
  checkFormats,
  paramsJsonOf,
  parseJsonFlag,
  readModelKey,
  readOptions,
} from './attribute-flags'
import { openByteFile } from './attribute-input'
import { type OutputSink, writeCsvRow, writeJsonDocument, writeRows } from './attribute-output'
import { createProgress } from './attribute-progress'
import { forEachJourney, readColumns } from './attribute-read'
import { describeTraining } from './attribute-report'
import { isColumnar, learnFromColumns, totalCredits } from './attribute-totals'
import { createRemovalThreads } from './markov-threads'

export function totalJson(total: ActorTotal) {
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

export function totalRows(totals: readonly ActorTotal[]): (string | number)[][] {
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
  const result = attributePathTable(table, spec, { threads: createRemovalThreads() })
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
  // renewals inherit from their parents, so recurring credit needs every journey at hand
  if (options.recurring) {
    const journeys: Journey[] = []
    forEachJourney(flags, (journey) => journeys.push(journey))
    const run = attributeJourneys(journeys, spec, options)
    const byId = new Map(journeys.map((journey) => [journey.id, journey]))
    writeJourneyResults(sink, flags, spec, run.learned, run.params, options, (visit) => {
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
  if (isColumnar(spec.key, options)) {
    writeBatchResults(sink, flags, learnedSpec, columns, learned, options.activityLabels)
    return
  }
  const attribute = createJourneyAttributor(learnedSpec, options)
  writeJourneyResults(sink, flags, spec, learned, undefined, options, (visit) =>
    forEachJourney(flags, (journey) => visit(journey, attribute(journey))),
  )
}

/** Totals, CSV or JSON straight from the columns, the kernel's weights and the batch credits. */
function writeBatchResults(
  sink: OutputSink,
  flags: AttributeFlags,
  spec: ModelSpec,
  columns: JourneyColumns,
  learned: LearnedModel | undefined,
  activityLabels: AttributionOptions['activityLabels'],
): void {
  const weights = computeTouchWeights(columns, spec)
  const credits = computeBatchCredits(columns, weights)
  if (flags.output === 'table') {
    writeRows(sink, 'table', totalRows(totalCredits(columns, credits)))
    return
  }
  const explainer = createBatchExplainer(columns, spec, weights, credits, activityLabels)
  if (flags.output === 'csv') {
    writeCsvRow(sink, CSV_HEADER)
    writeBatchJourneysCsv(sink, columns, credits, explainer)
    return
  }
  writeJsonDocument(
    sink,
    documentHead(spec, paramsJsonOf(spec), learned),
    'journeys',
    (_emit, begin) => writeBatchJourneysJson(sink, columns, credits, explainer, begin),
    () => ({ totals: totalCredits(columns, credits).map(totalJson) }),
  )
}

function documentHead(spec: ModelSpec, params: unknown, learned: LearnedModel | undefined) {
  return { format: CREDITS_FORMAT, model: spec.key, params, modelVersion: learned?.version, learned }
}

function writeJourneyResults(
  sink: OutputSink,
  flags: AttributeFlags,
  spec: ModelSpec,
  learned: LearnedModel | undefined,
  paramsJson: unknown,
  options: AttributionOptions,
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
    writeCsvRow(sink, CSV_HEADER)
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
  writeJsonDocument(
    sink,
    documentHead(spec, paramsJson ?? paramsJsonOf(spec), learned),
    'journeys',
    (_emit, begin) =>
      each((journey, result) => {
        totals.add(journey, result)
        begin()
        sink.write(journeyResultJson(result, journey, prepareJourney(journey, options).referenceTime))
      }),
    () => ({ totals: totals.sorted().map(totalJson) }),
  )
}
