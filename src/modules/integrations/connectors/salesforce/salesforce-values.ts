// How the connector reads Salesforce's values: its date-times, ids, booleans and websites, the SOQL
// literal of a cursor, the relationship behind a lookup field, and where the next read starts.

/** The cursor a read leaves: the newest change read, but never later than the run's start less a minute. */
export function advance(previous: string | undefined, newest: number, startedAt: Date): string | undefined {
  const ceiling = startedAt.getTime() - 60_000
  const at = Math.min(newest, ceiling)
  if (!Number.isFinite(at) || at <= 0) return previous
  return previous && Date.parse(previous) > at ? previous : new Date(at).toISOString()
}

/** Salesforce writes offsets without a colon (2026-01-05T10:00:00.000+0000); ISO wants one. */
export const iso = (value: string | null | undefined): string | null =>
  value ? value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2') : null

/** A SOQL date-time literal: whole seconds (earlier, so nothing at the cursor is missed), UTC. */
export const soqlDateTime = (at: string) =>
  `${new Date(Math.floor(Date.parse(at) / 1000) * 1000).toISOString().slice(0, 19)}Z`

/** A website as a domain: no scheme, www., port or path. */
export function domainOf(website: string | null): string | null {
  const host = website
    ?.trim()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/^www\./i, '')
    .split(/[/?#:]/)[0]
    ?.toLowerCase()
  return host || null
}

export const isId = (id: string | null | undefined): id is string => !!id && /^[a-zA-Z0-9]{15,18}$/.test(id)
export const isTrue = (value: string | null | undefined) => value === 'true'

/** The relationship path of a lookup field: Partner_Account__c → Partner_Account__r, PartnerId → Partner. */
export const relationshipOf = (field: string) =>
  field.endsWith('__c') ? field.replace(/__c$/, '__r') : field.replace(/Id$/, '')
