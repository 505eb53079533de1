// What one deal's credit under one model version depends on, fingerprinted (the input hash), and the
// facts stored with its runs. The same facts under the same version give the same hash, so they find
// the run already made.
import { createHash, type Hash } from 'node:crypto'
import type { Journey } from '../../attribution'
import { canonicalJson } from '../../platform/canonical-json'
import { sha256Hex } from '../../platform/hash'
import type { AttributionOptionsInput } from './credits.contract'
import { contextOf, type DealContext, factsContextOf } from './deal-context.service'
import type { InputToStore } from './run-store.service'

export interface HashedModel {
  id: string
  version: number
  options: AttributionOptionsInput
}

export interface RunInputs {
  /**
   * The input hash of a deal under a model version: sha256 of the canonical JSON of
   * `{ journey, model, version }` with, when the settings make the credit depend on them, the
   * partner chains above the deal's partners (tiers) and the deals it grew from (recurring).
   */
  hash(journey: Journey, model: HashedModel): string
  /** The facts every model's run of this deal saw, as stored: `{ ancestors, journey, partners }`. */
  facts(journey: Journey): InputToStore
}

/** Each journey's canonical JSON is made once and shared by every model and every renewal needing it. */
export function createRunInputs(context: DealContext): RunInputs {
  const texts = new Map<string, string>()
  const textOf = (journey: Journey): string => {
    let text = texts.get(journey.id)
    if (text === undefined) {
      text = canonicalJson(journey)
      texts.set(journey.id, text)
    }
    return text
  }
  // a deal's journey is hashed once: each model's hash goes on from a copy of that state
  const journeyHashes = new Map<string, Hash>()
  const hashedJourney = (journey: Journey): Hash => {
    let hash = journeyHashes.get(journey.id)
    if (hash === undefined) {
      hash = createHash('sha256').update(`{"journey":${textOf(journey)},"model":`)
      journeyHashes.set(journey.id, hash)
    }
    return hash
  }
  const facts = new Map<string, InputToStore>()
  return {
    hash(journey, model) {
      const { chains, ancestors } = contextOf(journey, model.options, context)
      // the keys in canonical (sorted) order: ancestors, chains, journey, model, version
      const tail = `${JSON.stringify(model.id)},"version":${JSON.stringify(model.version)}}`
      if (ancestors.length === 0 && chains.length === 0)
        return hashedJourney(journey).copy().update(tail).digest('hex')
      let text = '{'
      if (ancestors.length > 0) text += `"ancestors":[${ancestors.map(textOf).join(',')}],`
      if (chains.length > 0) text += `"chains":${canonicalJson(chains)},`
      return sha256Hex(`${text}"journey":${textOf(journey)},"model":${tail}`)
    },
    facts(journey) {
      let input = facts.get(journey.id)
      if (!input) {
        const { ancestors, partners } = factsContextOf(journey, context)
        const text = `{"ancestors":[${ancestors.map(textOf).join(',')}],"journey":${textOf(journey)},"partners":${JSON.stringify(partners)}}`
        input = { id: sha256Hex(text), dealId: journey.id, facts: text }
        facts.set(journey.id, input)
      }
      return input
    },
  }
}
