// What `credence attribute` runs: reads the input as a stream, attributes, and writes the output as a
// stream. Journeys are read once into columns (and, for per-journey output, read again one by one
// so no journey object outlives its credits).
import type { Command } from 'commander'
import { AttributionError } from '../attribution'
import { MoneyError } from '../money'
import { InputError } from './attribute-input'
import { type OutputSink, openOutput } from './attribute-output'

export { compareFile, recommendFile } from './attribute-compare'
export type { AttributeFlags, CompareFlags, RecommendFlags } from './attribute-flags'
export { attributeFile } from './attribute-journeys'

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
