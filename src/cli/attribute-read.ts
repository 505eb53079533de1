import {
  AttributionError,
  type AttributionOptions,
  checkOptions,
  createColumnsBuilder,
  type Journey,
  type JourneyColumns,
  readJourney,
  readJourneyColumns,
} from '../attribution'
import type { CommonFlags } from './attribute-flags'
import { type ByteFile, openByteFile, streamJourneysJson, streamJourneysNdjson } from './attribute-input'
import { createProgress } from './attribute-progress'

/** Streams every journey of the input, checked and named as the engine names them. */
export function forEachJourney(flags: CommonFlags, visit: (journey: Journey, index: number) => void): void {
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

export function readColumns(
  flags: CommonFlags,
  options: AttributionOptions,
  keep?: Journey[],
): JourneyColumns {
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
