// The field mapping a connector's syncs apply, per kind of record: the connector's default until the
// org saves its own (in the import's mapping table and language, under the provider's name).

import type { Db } from '../../../db/client'
import { invalidField } from '../../../platform/app-error'
import type { Clock } from '../../../platform/clock'
import type { Scope } from '../../../platform/scope'
import { type ImportKind, type ImportMapping, importKinds, savedMapping, saveMapping } from '../../journeys'
import { integrationsPermissions } from '../integrations.permissions'
import { connectorOf, requireConnection } from './connections.service'
import type { Provider } from './connectors.contract'

/** Each kind's mapping as a sync applies it: the org's saved one, else the connector's default. */
export async function listMappings(db: Db, scope: Scope, provider: Provider) {
  integrationsPermissions.require(scope, 'connectors.read')
  await requireConnection(db, scope, provider)
  const connector = connectorOf(provider)
  const items = []
  for (const kind of importKinds) {
    const saved = await savedMapping(db, scope, provider, kind)
    items.push({
      kind,
      mapping: saved ?? connector.mappings[kind],
      isDefault: !saved,
      columns: connector.columns[kind],
    })
  }
  return { items }
}

/** Saves the org's mapping of one kind; a column the provider does not offer is refused by name. */
export async function putMapping(
  db: Db,
  scope: Scope,
  provider: Provider,
  kind: ImportKind,
  mapping: ImportMapping,
  clock: Clock,
) {
  integrationsPermissions.require(scope, 'connectors.manage')
  await requireConnection(db, scope, provider)
  const connector = connectorOf(provider)
  const columns = new Set(connector.columns[kind])
  for (const [field, source] of Object.entries(mapping.fields))
    for (const [path, from] of [
      [`fields.${field}`, source],
      [`fields.${field}.whenBlank`, source.whenBlank],
    ] as const) {
      const named = from?.column
        ? [from.column]
        : [...(from?.template ?? '').matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]!)
      for (const column of named)
        if (!columns.has(column))
          throw invalidField(
            path,
            `${connector.label} ${kind} have no column ${column}; they have ${[...columns].join(', ')}`,
          )
    }
  await saveMapping(db, scope, provider, kind, mapping, clock)
  return listMappings(db, scope, provider)
}
