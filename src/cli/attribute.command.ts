// `credence attribute`, `attribute compare`, `attribute recommend`: run the attribution engine on a
// journeys file (JSON or NDJSON) or a path-aggregated CSV. Input is read and output written as
// streams; bad input exits 2 naming the record and field; --out appears only once complete. The
// engine loads when a command runs, so help stays instant.
import type { Command } from 'commander'
import { MODEL_KEYS } from '../attribution/types'
import type { AttributeFlags, CompareFlags, RecommendFlags } from './attribute-run'

function addCommonOptions(command: Command): Command {
  return command
    .option('--input <file>', 'journeys JSON or NDJSON, or paths CSV (required)') // not requiredOption: commander would demand it of subcommands too
    .option(
      '--format <format>',
      'input format: journeys ({"journeys": [...]}), ndjson (one journey per line) or paths',
      'journeys',
    )
    .option('--output <format>', 'output format: json, csv or table', 'json')
    .option('--options <json>', 'engine options: lookbackDays, excludeActivities, dedupe, tiers, recurring')
    .option('--as-of <date>', 'reference date for open deals (ISO-8601)')
    .option('--out <file>', 'write to this file instead of standard output')
}

export function registerAttributeCommands(program: Command): Command {
  const attribute = addCommonOptions(
    program
      .command('attribute')
      .description('Attribute journeys (or path-aggregated conversions) with one model')
      .option('--model <key>', `model: ${MODEL_KEYS.join(', ')}`, 'linear')
      .option('--params <json>', 'model parameters as JSON'),
  ).action(async function (this: Command, flags: AttributeFlags) {
    const { attributeFile, runAction } = await import('./attribute-run')
    runAction(this, flags.out, (sink) => attributeFile(sink, flags))
  })
  addCommonOptions(
    attribute.command('compare').description('Per-actor credit under several models, side by side'),
  )
    .option('--models <keys>', 'comma-separated model keys (default: all but custom)')
    .option('--paying <key>', 'the model that drives money (default: the first)')
    .action(async function (this: Command) {
      const flags = this.optsWithGlobals<CompareFlags>()
      const { compareFile, runAction } = await import('./attribute-run')
      runAction(this, flags.out, (sink) => compareFile(sink, flags))
    })
  addCommonOptions(
    attribute.command('recommend').description('Backtest models on a time split and rank them'),
  )
    .option('--models <keys>', 'comma-separated model keys (default: all but custom)')
    .option('--split <fraction>', 'share of closed journeys in the earlier period', '0.5')
    .action(async function (this: Command) {
      const flags = this.optsWithGlobals<RecommendFlags>()
      const { recommendFile, runAction } = await import('./attribute-run')
      runAction(this, flags.out, (sink) => recommendFile(sink, flags))
    })
  return attribute
}
