// `credence attribute`, `attribute compare`, `attribute recommend`: run the attribution engine on a
// journeys JSON file or a path-aggregated CSV. Bad input exits 2 naming the record and field; output
// is written only once it is complete.
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import type { Command } from 'commander'
import { parse as parseCsv } from 'csv-parse/sync'
import {
  AttributionError,
  type AttributionOptions,
  attributeJourneys,
  attributePaths,
  compare,
  type Journey,
  MODEL_KEYS,
  type ModelKey,
  type ModelSpec,
  type PathRow,
  readJourneysDocument,
  readPathRecords,
  recommend,
} from '../attribution'
import { formatAmount, MoneyError } from '../money'

/** Bad input: exits with code 2 and a message naming what is wrong. */
class InputError extends Error {}

type OutputFormat = 'json' | 'csv' | 'table'

interface CommonFlags {
  input?: string
  format: 'journeys' | 'paths'
  output: OutputFormat
  options?: string
  asOf?: string
  out?: string
}

function parseJsonFlag(text: string | undefined, flag: string): unknown {
  if (text === undefined) return undefined
  try {
    return JSON.parse(text)
  } catch {
    throw new InputError(`${flag}: not valid JSON`)
  }
}

function readInputText(path: string | undefined): string {
  if (path === undefined) throw new InputError('--input: is required')
  try {
    return readFileSync(path, 'utf8')
  } catch {
    throw new InputError(`--input: cannot read ${path}`)
  }
}

function readJourneys(path: string | undefined): Journey[] {
  const text = readInputText(path)
  let document: unknown
  try {
    document = JSON.parse(text)
  } catch {
    throw new InputError(`${path}: not valid JSON`)
  }
  return readJourneysDocument(document)
}

function readPaths(path: string | undefined): PathRow[] {
  const text = readInputText(path).replace(/^\uFEFF/, '')
  const header = text.split(/\r?\n/, 1)[0] ?? ''
  const delimiter = (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ';' : ','
  let records: Record<string, string>[]
  try {
    records = parseCsv(text, { columns: true, delimiter, skip_empty_lines: true, trim: true })
  } catch (error) {
    throw new InputError(`${path}: ${error instanceof Error ? error.message : 'not valid CSV'}`)
  }
  const missing = ['path', 'total_conversions'].filter((column) => !(column in (records[0] ?? {})))
  if (records.length > 0 && missing.length > 0)
    throw new InputError(`paths: missing column ${missing.join(', ')}`)
  return readPathRecords(records)
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

function toCsv(rows: readonly (readonly (string | number)[])[]): string {
  const cell = (value: string | number) => {
    const text = String(value)
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
  }
  return `${rows.map((row) => row.map(cell).join(',')).join('\n')}\n`
}

function toTable(rows: readonly (readonly (string | number)[])[]): string {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => String(row[column] ?? '').length))) ?? []
  const line = (row: readonly (string | number)[]) =>
    row
      .map((value, column) => String(value).padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd()
  return `${rows.map(line).join('\n')}\n`
}

function render(format: OutputFormat, json: unknown, rows: () => (string | number)[][]): string {
  if (format === 'json') {
    return `${JSON.stringify(json, (_key, value) => (typeof value === 'bigint' ? value.toString() : value), 2)}\n`
  }
  return format === 'csv' ? toCsv(rows()) : toTable(rows())
}

function attributeOutput(flags: CommonFlags, spec: ModelSpec): string {
  const options = readOptions(flags)
  if (flags.format === 'paths') {
    const result = attributePaths(readPaths(flags.input), spec)
    const totals = result.channels.map((total) => ({
      actor: total.channel,
      conversions: total.conversions,
      value: total.value,
    }))
    const json = {
      model: result.model,
      params: spec.params ?? {},
      modelVersion: result.modelVersion,
      journeys: [],
      totals,
    }
    return render(flags.output, json, () => [
      ['channel', 'conversions', 'value'],
      ...totals.map((total) => [total.actor, total.conversions.toFixed(6), total.value.toFixed(2)]),
    ])
  }
  const run = attributeJourneys(readJourneys(flags.input), spec, options)
  const json = {
    model: run.model,
    params: run.params,
    ...(run.modelVersion ? { modelVersion: run.modelVersion } : {}),
    ...(run.learned ? { learned: run.learned } : {}),
    journeys: run.journeys.map((result) => ({
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
    })),
    totals: run.totals.map((total) => ({
      actor: total.actor,
      actorKind: total.actorKind,
      currency: total.currency,
      conversions: total.conversions,
      value: formatAmount(total.valueMinor, total.currency),
      valueMinor: total.valueMinor,
      pipeline: formatAmount(total.pipelineMinor, total.currency),
    })),
  }
  if (flags.output === 'csv') {
    return toCsv([
      ['journey_id', 'actor', 'actor_kind', 'share', 'amount', 'currency', 'explanation'],
      ...run.journeys.flatMap((result) =>
        result.credits.map((credit) => [
          result.journeyId,
          credit.actor,
          credit.actorKind,
          credit.shareDecimal,
          formatAmount(credit.amountMinor, result.currency),
          result.currency,
          credit.explanation.text,
        ]),
      ),
    ])
  }
  return render(flags.output, json, () => [
    ['actor', 'kind', 'conversions', 'won value', 'pipeline', 'currency'],
    ...json.totals.map((total) => [
      total.actor,
      total.actorKind,
      total.conversions.toFixed(3),
      total.value,
      total.pipeline,
      total.currency,
    ]),
  ])
}

function readModelList(text: string | undefined): ModelSpec[] {
  const keys = text
    ? text.split(',').filter((key) => key.trim() !== '')
    : [...MODEL_KEYS].filter((key) => key !== 'custom')
  if (keys.length === 0) throw new InputError('--models: name at least one model')
  return keys.map((key) => ({ key: readModelKey(key, '--models') }))
}

function compareOutput(flags: CommonFlags & { models?: string; paying?: string }): string {
  const specs = readModelList(flags.models)
  const result = compare(readJourneys(flags.input), specs, {
    ...readOptions(flags),
    ...(flags.paying ? { paying: flags.paying } : {}),
  })
  const ids = result.models.map((model) => model.id)
  return render(flags.output, result, () => [
    [
      'actor',
      'currency',
      ...ids.flatMap((id) => (id === result.paying ? [id] : [id, `${id} vs ${result.paying}`])),
    ],
    ...result.rows.map((row) => [
      row.actor,
      row.currency,
      ...ids.flatMap((id) => {
        const cell = row.byModel[id]
        const value = formatAmount(cell?.valueMinor ?? 0n, row.currency)
        return id === result.paying
          ? [value]
          : [value, formatAmount(cell?.differenceMinor ?? 0n, row.currency)]
      }),
    ]),
  ])
}

function recommendOutput(flags: CommonFlags & { models?: string; split?: string }): string {
  const fraction = flags.split === undefined ? undefined : Number(flags.split)
  if (fraction !== undefined && !(fraction > 0 && fraction < 1))
    throw new InputError('--split: must be between 0 and 1')
  const result = recommend(readJourneys(flags.input), readModelList(flags.models), {
    ...readOptions(flags),
    ...(fraction !== undefined ? { earlierFraction: fraction } : {}),
  })
  return (
    render(flags.output, result, () => [
      ['rank', 'model', 'rank correlation', 'weighted error'],
      ...result.scores.map((score) => [
        score.rank,
        score.id,
        score.rankCorrelation.toFixed(3),
        score.weightedError.toFixed(3),
      ]),
    ]) + (flags.output === 'table' ? `\n${result.explanation}\n` : '')
  )
}

/** Writes all at once: to a temporary file renamed into place, or to the command's output stream. */
function emit(command: Command, text: string, out: string | undefined): void {
  if (out === undefined) {
    const writeOut = command.configureOutput().writeOut ?? ((chunk: string) => process.stdout.write(chunk))
    writeOut(text)
    return
  }
  const temporary = `${out}.partial`
  writeFileSync(temporary, text)
  renameSync(temporary, out)
}

function runAction(command: Command, produce: () => string, out: string | undefined): void {
  let text: string
  try {
    text = produce()
  } catch (error) {
    if (error instanceof InputError || error instanceof AttributionError || error instanceof MoneyError) {
      command.error(`credence attribute: ${error.message}`, { exitCode: 2, code: 'credence.invalidInput' })
    }
    throw error
  }
  emit(command, text, out)
}

function addCommonOptions(command: Command): Command {
  return command
    .option('--input <file>', 'journeys JSON or paths CSV (required)') // not requiredOption: commander would demand it of subcommands too
    .option('--format <format>', 'input format: journeys or paths', 'journeys')
    .option('--output <format>', 'output format: json, csv or table', 'json')
    .option('--options <json>', 'engine options: lookbackDays, excludeActivities, dedupe, tiers, recurring')
    .option('--as-of <date>', 'reference date for open deals (ISO-8601)')
    .option('--out <file>', 'write to this file instead of standard output')
}

function checkFormats(flags: CommonFlags): void {
  if (!['journeys', 'paths'].includes(flags.format))
    throw new InputError('--format: must be journeys or paths')
  if (!['json', 'csv', 'table'].includes(flags.output))
    throw new InputError('--output: must be json, csv or table')
}

export function registerAttributeCommands(program: Command): Command {
  const attribute = addCommonOptions(
    program
      .command('attribute')
      .description('Attribute journeys (or path-aggregated conversions) with one model')
      .option('--model <key>', `model: ${MODEL_KEYS.join(', ')}`, 'linear')
      .option('--params <json>', 'model parameters as JSON'),
  ).action(function (this: Command, flags: CommonFlags & { model: string; params?: string }) {
    runAction(
      this,
      () => {
        checkFormats(flags)
        return attributeOutput(flags, {
          key: readModelKey(flags.model, '--model'),
          params: parseJsonFlag(flags.params, '--params'),
        })
      },
      flags.out,
    )
  })
  addCommonOptions(
    attribute.command('compare').description('Per-actor credit under several models, side by side'),
  )
    .option('--models <keys>', 'comma-separated model keys (default: all but custom)')
    .option('--paying <key>', 'the model that drives money (default: the first)')
    .action(function (this: Command) {
      const flags = this.optsWithGlobals<CommonFlags & { models?: string; paying?: string }>()
      runAction(
        this,
        () => {
          checkFormats(flags)
          if (flags.format !== 'journeys') throw new InputError('--format: compare needs journeys')
          return compareOutput(flags)
        },
        flags.out,
      )
    })
  addCommonOptions(
    attribute.command('recommend').description('Backtest models on a time split and rank them'),
  )
    .option('--models <keys>', 'comma-separated model keys (default: all but custom)')
    .option('--split <fraction>', 'share of closed journeys in the earlier period', '0.5')
    .action(function (this: Command) {
      const flags = this.optsWithGlobals<CommonFlags & { models?: string; split?: string }>()
      runAction(
        this,
        () => {
          checkFormats(flags)
          if (flags.format !== 'journeys') throw new InputError('--format: recommend needs journeys')
          return recommendOutput(flags)
        },
        flags.out,
      )
    })
  return attribute
}
