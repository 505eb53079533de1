// Territory rules, pure: which territories take an account (most specific first, with why) and which
// territories' rules overlap (with what overlaps). No database, no clock.

export interface TerritoryRules {
  /** ISO 3166 alpha-2 codes, upper-case. */
  countries: readonly string[]
  /** Free text, compared without regard to case. */
  regions: readonly string[]
  /** Compared without regard to case. */
  industries: readonly string[]
  /** Account ids or domains, lower-cased. */
  namedAccounts: readonly string[]
}

export interface TerritoryFacts {
  id: string
  name: string
  rules: TerritoryRules
}

export interface AccountFacts {
  id?: string | null
  domain?: string | null
  country?: string | null
  region?: string | null
  industry?: string | null
}

export const matchKinds = ['named_account', 'country_industry', 'country', 'industry'] as const
export type MatchKind = (typeof matchKinds)[number]

export interface TerritoryMatch<T extends TerritoryFacts = TerritoryFacts> {
  territory: T
  kind: MatchKind
  /** What matched, in words: "country DE, industry Software". */
  reason: string
}

export interface TerritoryOverlap {
  territoryId: string
  territoryName: string
  countries: string[]
  regions: string[]
  industries: string[]
  namedAccounts: string[]
  /** What overlaps, in words. */
  reason: string
}

const fold = (value: string) => value.trim().toLowerCase()
const specificity: Record<MatchKind, number> = {
  named_account: 3,
  country_industry: 2,
  country: 1,
  industry: 0,
}

/** Finds `value` in `list` without regard to case; answers the list's spelling. */
const findIn = (list: readonly string[], value: string | null | undefined): string | undefined =>
  value ? list.find((item) => fold(item) === fold(value)) : undefined

/** How one territory takes an account, or null. A territory with no rules takes nothing. */
export function matchTerritory<T extends TerritoryFacts>(
  territory: T,
  account: AccountFacts,
): TerritoryMatch<T> | null {
  const { rules } = territory
  const named =
    findIn(rules.namedAccounts, account.id ?? null) ?? findIn(rules.namedAccounts, account.domain ?? null)
  if (named) return { territory, kind: 'named_account', reason: `named account ${named}` }
  const hasPlace = rules.countries.length > 0 || rules.regions.length > 0
  const hasIndustry = rules.industries.length > 0
  if (!hasPlace && !hasIndustry) return null
  const parts: string[] = []
  if (hasPlace) {
    const country = findIn(rules.countries, account.country)
    const region = country ? undefined : findIn(rules.regions, account.region)
    if (!country && !region) return null
    parts.push(country ? `country ${country}` : `region ${region}`)
  }
  if (hasIndustry) {
    const industry = findIn(rules.industries, account.industry)
    if (!industry) return null
    parts.push(`industry ${industry}`)
  }
  const kind: MatchKind = hasPlace && hasIndustry ? 'country_industry' : hasPlace ? 'country' : 'industry'
  return { territory, kind, reason: parts.join(', ') }
}

/** Every territory that takes the account, most specific first (named account > country and industry > country > industry), then by name. */
export function matchTerritories<T extends TerritoryFacts>(
  territories: readonly T[],
  account: AccountFacts,
): TerritoryMatch<T>[] {
  return territories
    .map((t) => matchTerritory(t, account))
    .filter((m): m is TerritoryMatch<T> => m !== null)
    .sort(
      (a, b) =>
        specificity[b.kind] - specificity[a.kind] ||
        a.territory.name.localeCompare(b.territory.name) ||
        a.territory.id.localeCompare(b.territory.id),
    )
}

const shared = (a: readonly string[], b: readonly string[]) =>
  a.filter((x) => b.some((y) => fold(x) === fold(y)))

/**
 * How `b` overlaps `a`, or null: the same named account, or rules both take an account by — places
 * in common (or one with no place at all) and industries in common (or one with no industry to narrow).
 */
export function overlapOf(a: TerritoryFacts, b: TerritoryFacts): TerritoryOverlap | null {
  const namedAccounts = shared(a.rules.namedAccounts, b.rules.namedAccounts)
  const placeOf = (r: TerritoryRules) => r.countries.length + r.regions.length > 0
  const hasRules = (r: TerritoryRules) => placeOf(r) || r.industries.length > 0
  let countries: string[] = []
  let regions: string[] = []
  let industries: string[] = []
  let rulesOverlap = false
  if (hasRules(a.rules) && hasRules(b.rules)) {
    const aPlace = placeOf(a.rules)
    const bPlace = placeOf(b.rules)
    countries =
      aPlace && bPlace
        ? shared(a.rules.countries, b.rules.countries)
        : [...(aPlace ? a.rules.countries : b.rules.countries)]
    regions =
      aPlace && bPlace
        ? shared(a.rules.regions, b.rules.regions)
        : [...(aPlace ? a.rules.regions : b.rules.regions)]
    const placeMeets = !(aPlace && bPlace) || countries.length + regions.length > 0
    const aIndustry = a.rules.industries.length > 0
    const bIndustry = b.rules.industries.length > 0
    industries =
      aIndustry && bIndustry
        ? shared(a.rules.industries, b.rules.industries)
        : [...(aIndustry ? a.rules.industries : b.rules.industries)]
    const industryMeets = !(aIndustry && bIndustry) || industries.length > 0
    rulesOverlap = placeMeets && industryMeets
    if (!rulesOverlap) {
      countries = []
      regions = []
      industries = []
    }
  }
  if (!rulesOverlap && namedAccounts.length === 0) return null
  const parts: string[] = []
  if (namedAccounts.length > 0)
    parts.push(`the same named account${namedAccounts.length > 1 ? 's' : ''} ${namedAccounts.join(', ')}`)
  if (rulesOverlap) {
    const place = [...countries, ...regions]
    const where = place.length > 0 ? place.join(', ') : 'any country'
    const what = industries.length > 0 ? industries.join(', ') : 'any industry'
    parts.push(`${where} in ${what}`)
  }
  return {
    territoryId: b.id,
    territoryName: b.name,
    countries,
    regions,
    industries,
    namedAccounts,
    reason: `overlaps ${b.name}: ${parts.join('; ')}`,
  }
}

/** For each territory, the others it overlaps with. */
export function findOverlaps(territories: readonly TerritoryFacts[]): Map<string, TerritoryOverlap[]> {
  const overlaps = new Map<string, TerritoryOverlap[]>(territories.map((t) => [t.id, []]))
  for (const a of territories)
    for (const b of territories) {
      if (a.id === b.id) continue
      const overlap = overlapOf(a, b)
      if (overlap) overlaps.get(a.id)!.push(overlap)
    }
  return overlaps
}
