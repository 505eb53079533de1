// A run's input hash: what one deal's credit under one model version depends on, fingerprinted. The
// same facts under the same version give the same hash, so they find the run already made.
import type { Journey } from '../../attribution'
import { canonicalJson } from '../../platform/canonical-json'
import { sha256Hex } from '../../platform/hash'
import type { AttributionOptionsInput } from './credits.contract'
import { contextOf, type DealContext } from './deal-context.service'

export interface HashedModel {
  id: string
  version: number
  options: AttributionOptionsInput
}

/**
 * The input hash of a deal under a model version: sha256 of the canonical JSON of
 * `{ journey, model, version }` with, when the settings make the credit depend on them, the partner
 * chains above the deal's partners (tiers) and the deals it grew from (recurring). Each journey's
 * canonical JSON is made once per hasher and shared by every model and every renewal that needs it.
 */
export function createInputHasher(context: DealContext): (journey: Journey, model: HashedModel) => string {
  const texts = new Map<string, string>()
  const textOf = (journey: Journey): string => {
    let text = texts.get(journey.id)
    if (text === undefined) {
      text = canonicalJson(journey)
      texts.set(journey.id, text)
    }
    return text
  }
  return (journey, model) => {
    const { chains, ancestors } = contextOf(journey, model.options, context)
    // the keys in canonical (sorted) order: ancestors, chains, journey, model, version
    let text = '{'
    if (ancestors.length > 0) text += `"ancestors":[${ancestors.map(textOf).join(',')}],`
    if (chains.length > 0) text += `"chains":${canonicalJson(chains)},`
    text += `"journey":${textOf(journey)},"model":${JSON.stringify(model.id)},"version":${JSON.stringify(model.version)}}`
    return sha256Hex(text)
  }
}
