// Tier rules, pure: which ladder places a partner, which levels' criteria hold on its figures, what
// the ladder calls for now (a promotion, a demotion once the grace has ended, or nothing), and the
// plain-language reasons with their numbers ("promoted to Gold: $412,000 attributed revenue in the
// last 12 months ≥ $400,000"). No database, no clock: the caller passes `now`.
import { evaluateLogic, isTruthyLogic } from '../../attribution'
import { describeMoney } from '../../money'
import { canonicalJson } from '../../platform/canonical-json'
import type {
  LadderDefinition,
  LevelProgressView,
  TierCriterion,
  TierDealFilter,
  TierLevel,
} from './programs.contract'

/** Revenue and deals on the won deals one deal filter keeps. */
export interface DealSegment {
  /** The filter's condition as canonical JSON: criteria with the same condition share a segment. */
  key: string
  label: string
  revenueMinor: bigint
  deals: number
}

export interface TierFigures {
  /** Attributed revenue in the ladder's currency over its period. */
  revenueMinor: bigint
  currency: string
  deals: number
  /** Touches the partner logged over the period. */
  touches: number
  certifications: number
  periodMonths: number
  /** Deal currencies no FX rate converted (their revenue is not counted). */
  leftOut: string[]
  /** One per deal filter the ladder's criteria use. */
  segments: DealSegment[]
}

export const segmentKey = (filter: TierDealFilter): string => canonicalJson(filter.when)

/** The deal filters a ladder's criteria use, one per condition. */
export function dealFiltersOf(definition: Pick<LadderDefinition, 'levels'>): TierDealFilter[] {
  const filters = new Map<string, TierDealFilter>()
  for (const level of definition.levels)
    for (const criterion of level.criteria)
      if (
        (criterion.kind === 'attributed_revenue' || criterion.kind === 'attributed_deals') &&
        criterion.deals
      )
        if (!filters.has(segmentKey(criterion.deals)))
          filters.set(segmentKey(criterion.deals), criterion.deals)
  return [...filters.values()]
}

/** The revenue and deals a criterion counts: its filter's segment, or every won deal. */
function counted(filter: TierDealFilter | undefined, figures: TierFigures) {
  if (!filter) return { revenueMinor: figures.revenueMinor, deals: figures.deals, on: '' }
  const key = segmentKey(filter)
  const segment = figures.segments.find((s) => s.key === key)
  return { revenueMinor: segment?.revenueMinor ?? 0n, deals: segment?.deals ?? 0, on: ` on ${filter.label}` }
}

/** What partner-field criteria and a ladder's audience test. */
export interface TierPartner {
  type: string
  country: string | null
  tags: readonly string[]
}

export interface CriterionResult {
  criterion: TierCriterion
  met: boolean
  /** 0–1: how far along a counted criterion is. */
  ratio: number
  label: string
  /** For reasons: "$412,000 attributed revenue in the last 12 months ≥ $400,000". */
  statement: string
  /** For progress: "$310K of $400K". */
  progress: string
}

const dayMs = 86_400_000
const day = (at: Date) => at.toISOString().slice(0, 10)
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

const money = (minor: bigint, currency: string, short = false) => describeMoney(minor, currency, { short })

const period = (months: number) => (months === 1 ? 'the last month' : `the last ${months} months`)
const ratioOf = (actual: number | bigint, required: number | bigint) =>
  Number(required) <= 0 ? 1 : Math.min(1, Number(actual) / Number(required))

const partnerData = (partner: TierPartner) => ({
  partner: { type: partner.type, country: partner.country, tags: [...partner.tags] },
})

/** Whether one criterion holds on these figures, with its reason and its progress. */
export function checkCriterion(
  criterion: TierCriterion,
  figures: TierFigures,
  partner: TierPartner,
): CriterionResult {
  switch (criterion.kind) {
    case 'attributed_revenue': {
      const min = BigInt(criterion.minMinor)
      const { revenueMinor, on } = counted(criterion.deals, figures)
      const met = revenueMinor >= min
      return {
        criterion,
        met,
        ratio: ratioOf(revenueMinor, min),
        label: `${money(min, figures.currency)} attributed revenue${on}`,
        statement: `${money(revenueMinor, figures.currency)} attributed revenue${on} in ${period(figures.periodMonths)} ${met ? '≥' : '<'} ${money(min, figures.currency)}`,
        progress: `${money(revenueMinor, figures.currency, true)} of ${money(min, figures.currency, true)}${on}`,
      }
    }
    case 'attributed_deals': {
      const { deals, on } = counted(criterion.deals, figures)
      const met = deals >= criterion.min
      return {
        criterion,
        met,
        ratio: ratioOf(deals, criterion.min),
        label: `${plural(criterion.min, 'attributed deal', 'attributed deals')}${on}`,
        statement: `${plural(deals, 'attributed deal', 'attributed deals')}${on} in ${period(figures.periodMonths)} ${met ? '≥' : '<'} ${criterion.min}`,
        progress: `${deals} of ${plural(criterion.min, 'attributed deal', 'attributed deals')}${on}`,
      }
    }
    case 'activity': {
      const met = figures.touches >= criterion.min
      return {
        criterion,
        met,
        ratio: ratioOf(figures.touches, criterion.min),
        label: plural(criterion.min, 'touch', 'touches'),
        statement: `${plural(figures.touches, 'touch', 'touches')} in ${period(figures.periodMonths)} ${met ? '≥' : '<'} ${criterion.min}`,
        progress: `${figures.touches} of ${plural(criterion.min, 'touch', 'touches')}`,
      }
    }
    case 'certifications': {
      const met = figures.certifications >= criterion.min
      return {
        criterion,
        met,
        ratio: ratioOf(figures.certifications, criterion.min),
        label: plural(criterion.min, 'certified seller', 'certified sellers'),
        statement: `${plural(figures.certifications, 'certified seller', 'certified sellers')} ${met ? '≥' : '<'} ${criterion.min}`,
        progress: `${figures.certifications} of ${plural(criterion.min, 'certified seller', 'certified sellers')}`,
      }
    }
    case 'partner': {
      const met = isTruthyLogic(evaluateLogic(criterion.when, partnerData(partner)))
      return {
        criterion,
        met,
        ratio: met ? 1 : 0,
        label: criterion.label,
        statement: met ? criterion.label : `not ${criterion.label}`,
        progress: met ? criterion.label : `not ${criterion.label}`,
      }
    }
  }
}

export function checkLevel(level: TierLevel, figures: TierFigures, partner: TierPartner) {
  const results = level.criteria.map((c) => checkCriterion(c, figures, partner))
  return { level, met: results.every((r) => r.met), results }
}

/** A level's criteria as progress: each one's ratio and text, and the line that sums them up. */
export function levelProgress(
  level: TierLevel,
  figures: TierFigures,
  partner: TierPartner,
): LevelProgressView {
  const { met, results } = checkLevel(level, figures, partner)
  return {
    key: level.key,
    name: level.name,
    met,
    criteria: results.map((r) => ({
      kind: r.criterion.kind,
      label: r.label,
      met: r.met,
      ratio: r.ratio,
      text: r.progress,
    })),
    summary:
      results.length === 0
        ? 'no criteria: every partner qualifies'
        : results.map((r) => r.progress).join('; '),
  }
}

/** The highest level whose criteria all hold (levels are lowest first), or -1 for none. */
export function qualifyingIndex(
  definition: LadderDefinition,
  figures: TierFigures,
  partner: TierPartner,
): number {
  for (let i = definition.levels.length - 1; i >= 0; i--)
    if (checkLevel(definition.levels[i]!, figures, partner).met) return i
  return -1
}

/** The first ladder (in the order given) whose audience takes the partner. */
export function chooseLadder<L extends { definition: LadderDefinition }>(
  ladders: readonly L[],
  partner: TierPartner,
): L | null {
  return (
    ladders.find((l) => isTruthyLogic(evaluateLogic(l.definition.audience ?? true, partnerData(partner)))) ??
    null
  )
}

const reasons = (level: TierLevel, figures: TierFigures, partner: TierPartner, which: 'met' | 'unmet') => {
  const { results } = checkLevel(level, figures, partner)
  const chosen = results.filter((r) => (which === 'met' ? r.met : !r.met))
  return chosen.map((r) => r.statement).join('; ')
}

const leftOutNote = (figures: TierFigures) =>
  figures.leftOut.length > 0 ? ` (${figures.leftOut.join(', ')} revenue left out: no FX rate)` : ''

/** Why a partner qualifies for a level: every criterion with its numbers. */
export function explainPromotion(level: TierLevel, figures: TierFigures, partner: TierPartner): string {
  const why = reasons(level, figures, partner, 'met')
  return `promoted to ${level.name}: ${why || 'the entry level, no criteria'}${leftOutNote(figures)}`
}

/** Why a partner no longer meets its level, and where that leaves it. */
export function explainDemotion(
  from: TierLevel,
  to: TierLevel | null,
  figures: TierFigures,
  partner: TierPartner,
  grace: { days: number; endedOn: Date | null },
): string {
  const head = to ? `demoted to ${to.name}` : `removed from ${from.name}`
  const why = `${reasons(from, figures, partner, 'unmet')} needed for ${from.name}`
  const ended =
    grace.days > 0 && grace.endedOn ? `; the ${grace.days}-day grace ended on ${day(grace.endedOn)}` : ''
  return `${head}: ${why}${ended}${leftOutNote(figures)}`
}

export function explainAtRisk(
  from: TierLevel,
  until: Date,
  figures: TierFigures,
  partner: TierPartner,
): string {
  return `at risk until ${day(until)}: ${reasons(from, figures, partner, 'unmet')} needed for ${from.name}${leftOutNote(figures)}`
}

export interface TierMove {
  to: TierLevel | null
  direction: 'promotion' | 'demotion'
  explanation: string
}

export interface TierDecision {
  /** The highest level whose criteria hold now. */
  qualifies: TierLevel | null
  /** The partner no longer meets its tier and keeps it until `until`. */
  atRisk: { since: Date; until: Date; text: string } | null
  /** The change the ladder calls for now, or null. */
  move: TierMove | null
}

/**
 * What the ladder calls for: a partner that qualifies higher moves up at once; one that no longer
 * meets its tier keeps it through the grace days (at risk) and then moves down to the level it
 * meets; a tier the ladder no longer has is replaced at once.
 */
export function decideTier(input: {
  definition: LadderDefinition
  figures: TierFigures
  partner: TierPartner
  /** The tier key the partner holds, and its name. */
  current: string | null
  currentName?: string | null
  atRisk: { since: Date; until: Date } | null
  now: Date
}): TierDecision {
  const { definition, figures, partner, current, now } = input
  const q = qualifyingIndex(definition, figures, partner)
  const qualifies = q >= 0 ? definition.levels[q]! : null
  const c = current === null ? -1 : definition.levels.findIndex((l) => l.key === current)
  if (current !== null && c < 0) {
    // a tier from a ladder that no longer places the partner, or a level since removed
    const held = input.currentName ?? current
    const explanation = qualifies
      ? explainPromotion(qualifies, figures, partner).replace(
          /^promoted to/,
          `moved from ${held}, not a level of this ladder, to`,
        )
      : `removed from ${held}, not a level of this ladder: no level’s criteria hold`
    return {
      qualifies,
      atRisk: null,
      move: { to: qualifies, direction: qualifies ? 'promotion' : 'demotion', explanation },
    }
  }
  if (q > c)
    return {
      qualifies,
      atRisk: null,
      move: {
        to: qualifies,
        direction: 'promotion',
        explanation: explainPromotion(qualifies!, figures, partner),
      },
    }
  if (q === c) return { qualifies, atRisk: null, move: null }
  const held = definition.levels[c]!
  const demote = (endedOn: Date | null): TierDecision => ({
    qualifies,
    atRisk: null,
    move: {
      to: qualifies,
      direction: 'demotion',
      explanation: explainDemotion(held, qualifies, figures, partner, {
        days: definition.graceDays,
        endedOn,
      }),
    },
  })
  if (definition.graceDays === 0) return demote(null)
  const since = input.atRisk?.since ?? now
  const until = input.atRisk?.until ?? new Date(now.getTime() + definition.graceDays * dayMs)
  if (now.getTime() >= until.getTime()) return demote(until)
  return {
    qualifies,
    atRisk: { since, until, text: explainAtRisk(held, until, figures, partner) },
    move: null,
  }
}
