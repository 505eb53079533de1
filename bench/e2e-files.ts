import { closeSync, existsSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createRandom } from '../src/attribution'

// Input files for the end-to-end benchmark, written in chunks and kept in the temp folder between
// runs (a file is regenerated only when missing): the benchmark measures the CLI, not the generator.

const folder = join(tmpdir(), 'credence-bench')

function writeFile(name: string, produce: (write: (text: string) => void) => void): string {
  mkdirSync(folder, { recursive: true })
  const path = join(folder, name)
  if (existsSync(path)) return path
  const partial = `${path}.partial`
  const fd = openSync(partial, 'w')
  let pending = ''
  produce((text) => {
    pending += text
    if (pending.length > 1 << 20) {
      writeSync(fd, pending)
      pending = ''
    }
  })
  writeSync(fd, pending)
  closeSync(fd)
  renameSync(partial, path)
  return path
}

export interface PathsSpec {
  rows: number
  channels: number
  /** uniform: every channel as likely; zipf: channel k drawn with weight 1/k, as real campaigns are. */
  popularity: 'uniform' | 'zipf'
  seed: number
}

/** A path-aggregated CSV: 1–9 touches per path, a conversion rate that depends on the channels. */
export function writePathsCsv(spec: PathsSpec): string {
  const name = `paths-${spec.rows}-${spec.channels}-${spec.popularity}-${spec.seed}.csv`
  return writeFile(name, (write) => {
    const random = createRandom(spec.seed)
    const quality = Float64Array.from({ length: spec.channels }, () => random() * 2 - 1)
    const cumulative = new Float64Array(spec.channels)
    let sum = 0
    for (let channel = 0; channel < spec.channels; channel++) {
      sum += spec.popularity === 'zipf' ? 1 / (channel + 1) : 1
      cumulative[channel] = sum
    }
    const draw = () => {
      const target = random() * sum
      let low = 0
      let high = spec.channels - 1
      while (low < high) {
        const middle = (low + high) >> 1
        if (cumulative[middle] < target) low = middle + 1
        else high = middle
      }
      return low
    }
    write('path,total_conversions,total_conversion_value,total_null\n')
    for (let row = 0; row < spec.rows; row++) {
      const length = 1 + Math.floor(random() * 9)
      let logit = -1.5
      const channels: string[] = []
      for (let step = 0; step < length; step++) {
        const channel = draw()
        logit += 0.5 * quality[channel]
        channels.push(`channel_${channel}`)
      }
      const isConverted = random() < 1 / (1 + Math.exp(-logit))
      const value = isConverted ? (100 + Math.floor(random() * 9900)) / 100 : 0
      write(`${channels.join(' > ')},${isConverted ? 1 : 0},${value},${isConverted ? 0 : 1}\n`)
    }
  })
}

export interface JourneysSpec {
  journeys: number
  touches: number
  actors: number
  format: 'json' | 'ndjson'
  seed: number
}

/** Journeys with ISO-8601 times and decimal amounts, as a CRM export gives them. */
export function writeJourneys(spec: JourneysSpec): string {
  const name = `journeys-${spec.journeys}-${spec.touches}-${spec.actors}-${spec.seed}.${spec.format}`
  return writeFile(name, (write) => {
    const random = createRandom(spec.seed)
    const kinds = ['reseller', 'referral', 'marketplace', 'distributor']
    const activities = ['referral', 'deal_registration', 'demo', 'meeting', 'marketing', 'email']
    const start = Date.UTC(2024, 0, 1)
    const day = 86_400_000
    if (spec.format === 'json') write('{"journeys":[\n')
    for (let index = 0; index < spec.journeys; index++) {
      const createdAt = start + Math.floor(random() * 365) * day
      const closedAt = createdAt + (20 + Math.floor(random() * 70)) * day
      const draw = random()
      const outcome = draw < 0.1 ? 'open' : draw < 0.55 ? 'won' : 'lost'
      const touches: string[] = []
      for (let touch = 0; touch < spec.touches; touch++) {
        const actor = Math.floor(random() * spec.actors)
        const at = createdAt + Math.floor(random() * (closedAt - createdAt))
        touches.push(
          `{"actor":"p${actor}","actorKind":"${kinds[actor % kinds.length]}","activity":"${activities[Math.floor(random() * activities.length)]}","at":"${new Date(at).toISOString()}"}`,
        )
      }
      const amount = (1000 + Math.floor(random() * 5_000_000)) / 100
      const journey = `{"id":"deal-${index}","amount":"${amount.toFixed(2)}","currency":"USD","outcome":"${outcome}","createdAt":"${new Date(createdAt).toISOString()}",${outcome === 'open' ? '' : `"closedAt":"${new Date(closedAt).toISOString()}",`}"touches":[${touches.join(',')}]}`
      write(spec.format === 'json' ? `${index === 0 ? '' : ',\n'}${journey}` : `${journey}\n`)
    }
    if (spec.format === 'json') write('\n]}\n')
  })
}
