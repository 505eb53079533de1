// Reading credit: a deal's credits under a model with their explanations, partner totals under a
// model over a period, and every enabled model side by side against the paying one.
import { and, arrayContains, desc, eq, gte, inArray, lt, or, type SQL, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { toMoneyView } from '../../money'
import { notFound } from '../../platform/app-error'
import type { Clock } from '../../platform/clock'
import type { Scope } from '../../platform/scope'
import { getDeal } from '../journeys'
import { findPartners } from '../partners'
import { attributeDeals } from './attribute.service'
import type { DealAttributionQuery, DealAttributionView } from './credits.contract'
import { creditsPermissions } from './credits.permissions'
import { attributionRuns, credits, currentRuns } from './credits.tables'
import type { ComparisonView } from './figures.contract'
import { type ActiveModel, ensureModels, readModels } from './models.service'
import { explainRun } from './run-explanation.service'

// shares are 10-digit decimals; the remainder is computed in integers so it is exact
const shareScale = 10_000_000_000n
const toScaled = (share: string): bigint => {
  const [whole = '0', fraction = ''] = share.split('.')
  return BigInt(whole) * shareScale + BigInt(fraction.padEnd(10, '0').slice(0, 10))
}
const fromScaled = (value: bigint): string =>
  `${value / shareScale}.${(value % shareScale).toString().padStart(10, '0')}`

export async function modelFor(
  db: Db,
  scope: Scope,
  modelId: string | undefined,
  clock: Clock,
): Promise<ActiveModel> {
  await db.transaction((tx) => ensureModels(tx, scope.orgId, clock))
  const models = await readModels(db, scope.orgId)
  const model = modelId
    ? models.find((m) => m.row.id === modelId)
    : models.find((m) => m.row.role === 'paying')
  if (!model) throw notFound('Attribution model', modelId ?? 'paying')
  return model
}

/** A deal's credits under a model (the paying one by default); a partner user sees only their own. */
export async function getDealAttribution(
  db: Db,
  scope: Scope,
  dealId: string,
  query: DealAttributionQuery,
  clock: Clock,
): Promise<DealAttributionView> {
  creditsPermissions.require(scope, 'credits.read')
  await getDeal(db, scope, dealId)
  const model = await modelFor(db, scope, query.model, clock)
  const isEarlierVersion = query.version !== undefined && query.version !== model.row.version
  const readHead = () =>
    isEarlierVersion
      ? // history stays readable: the last run made under that version
        db
          .select({ run: attributionRuns })
          .from(attributionRuns)
          .where(
            and(
              eq(attributionRuns.orgId, scope.orgId),
              eq(attributionRuns.dealId, dealId),
              eq(attributionRuns.modelId, model.row.id),
              eq(attributionRuns.modelVersion, query.version!),
            ),
          )
          .orderBy(desc(attributionRuns.createdAt), desc(attributionRuns.id))
          .limit(1)
      : db
          .select({ run: attributionRuns })
          .from(currentRuns)
          .innerJoin(attributionRuns, headRun)
          .where(
            and(
              eq(currentRuns.orgId, scope.orgId),
              eq(currentRuns.dealId, dealId),
              eq(currentRuns.modelId, model.row.id),
            ),
          )
  let [head] = await readHead()
  if (!head && !isEarlierVersion) {
    // not attributed yet (the worker has not reached it): do it now rather than answer with nothing
    await db.transaction((tx) => attributeDeals(tx, scope.orgId, [dealId], clock))
    ;[head] = await readHead()
  }
  if (!head) throw notFound('Attribution of deal', dealId)
  const rows = await db
    .select()
    .from(credits)
    .where(and(eq(credits.orgId, scope.orgId), eq(credits.runId, head.run.id)))
  const visible = scope.partnerId ? rows.filter((r) => r.actor === scope.partnerId) : rows
  const [partners, explained] = await Promise.all([
    findPartners(
      db,
      scope.orgId,
      visible.map((r) => r.actor),
    ),
    explainRun(db, scope.orgId, model.row.key, head.run),
  ])
  const ownScaled = visible.reduce((sum, r) => sum + toScaled(r.share), 0n)
  visible.sort((a, b) =>
    a.amountMinor > b.amountMinor ? -1 : a.amountMinor < b.amountMinor ? 1 : a.actor.localeCompare(b.actor),
  )
  const notes = head.run.notes as string[]
  return {
    dealId,
    model: {
      id: model.row.id,
      key: model.row.key as DealAttributionView['model']['key'],
      name: model.row.name,
      role: model.row.role,
      version: head.run.modelVersion,
    },
    runId: head.run.id,
    computedAt: head.run.createdAt.toISOString(),
    amount: toMoneyView(head.run.amountMinor, head.run.currency),
    credits: visible.map((r) => {
      const explanation = explained.byActor.get(r.actor)
      return {
        actor: r.actor,
        actorKind: r.actorKind,
        partnerName: partners.get(r.actor)?.name ?? null,
        share: r.share,
        amount: toMoneyView(r.amountMinor, head.run.currency),
        explanation: explanation?.text ?? 'No explanation could be worked out for this credit.',
        touches: (explanation?.touches ?? []).map((t) => ({
          touchId: t.touchId ?? null,
          activity: t.activity,
          at: new Date(t.at).toISOString(),
          daysBefore: t.daysBefore,
          weight: t.weight,
          share: t.share,
        })),
        actorWeight: explanation?.actorWeight ?? 0,
        totalWeight: explanation?.totalWeight ?? 0,
        adjustments: [...(explanation?.adjustments ?? [])],
      }
    }),
    othersShare: scope.partnerId ? fromScaled((rows.length > 0 ? shareScale : 0n) - ownScaled) : null,
    notes: explained.mismatch
      ? [
          ...notes,
          'The engine run again over the facts this run saw no longer gives its stored shares, so the explanations may not match them; the shares and amounts shown are the stored ones.',
        ]
      : notes,
  }
}

export interface Period {
  from?: string
  to?: string
}

/** Joins a (deal, model) head to the run in force: the facts every credit figure reads. */
export const headRun = and(
  eq(attributionRuns.orgId, currentRuns.orgId),
  eq(attributionRuns.id, currentRuns.runId),
)
/** Joins a (deal, model) head to the credits of the run in force. */
export const headCredits = and(eq(credits.orgId, currentRuns.orgId), eq(credits.runId, currentRuns.runId))

/** The month of a run's deal date (close, or opening while open), YYYY-MM in UTC. */
export const dealMonth = sql<string>`to_char(date_trunc('month', ${attributionRuns.dealAt} at time zone 'UTC'), 'YYYY-MM')`

/** The credited amount of the joined runs with this outcome (won value, or open pipeline), as text. */
export const creditedSum = (outcome: 'won' | 'open') =>
  sql<string>`coalesce(sum(${credits.amountMinor}) filter (where ${attributionRuns.outcome} = ${sql.raw(`'${outcome}'`)}), 0)::text`

/** Deals in the period: closed in it, or (when open) opened in it. */
export function runsInPeriod(period: Period): SQL | undefined {
  return and(
    period.from ? gte(attributionRuns.dealAt, new Date(period.from)) : undefined,
    period.to ? lt(attributionRuns.dealAt, new Date(period.to)) : undefined,
  )
}

interface TotalsRow {
  modelId: string
  actor: string
  actorKind: string
  currency: string
  wonMinor: string
  openMinor: string
  conversions: string
  deals: number
}

async function sumCredits(
  db: Db,
  scope: Scope,
  modelIds: string[],
  period: Period,
  partnerId?: string,
  partnerTypes?: readonly string[],
): Promise<TotalsRow[]> {
  if (modelIds.length === 0) return []
  const actor = scope.partnerId ?? partnerId
  return db
    .select({
      modelId: currentRuns.modelId,
      actor: credits.actor,
      actorKind: credits.actorKind,
      currency: attributionRuns.currency,
      wonMinor: creditedSum('won'),
      openMinor: creditedSum('open'),
      conversions: sql<string>`coalesce(sum(${credits.share}::numeric) filter (where ${attributionRuns.outcome} = 'won'), 0)::text`,
      deals: sql<number>`count(distinct ${currentRuns.dealId})::int`,
    })
    .from(currentRuns)
    .innerJoin(attributionRuns, headRun)
    .innerJoin(credits, headCredits)
    .where(
      and(
        eq(currentRuns.orgId, scope.orgId),
        inArray(currentRuns.modelId, modelIds),
        actor ? eq(credits.actor, actor) : undefined,
        // the runs the index finds, before their credits are unnested
        actor ? arrayContains(attributionRuns.actors, [actor]) : undefined,
        partnerTypes
          ? or(eq(credits.actorKind, 'direct'), inArray(credits.actorKind, [...partnerTypes]))
          : undefined,
        runsInPeriod(period),
      ),
    )
    .groupBy(currentRuns.modelId, credits.actor, credits.actorKind, attributionRuns.currency)
}

/** Each actor's credited won value and pipeline under a model, per currency, largest first. */
export async function getAttributedTotals(
  db: Db,
  scope: Scope,
  query: Period & { model?: string; partnerId?: string; partnerType?: string[] },
  clock: Clock,
) {
  creditsPermissions.require(scope, 'credits.read')
  const model = await modelFor(db, scope, query.model, clock)
  const rows = await sumCredits(db, scope, [model.row.id], query, query.partnerId, query.partnerType)
  const partners = await findPartners(
    db,
    scope.orgId,
    rows.map((r) => r.actor),
  )
  rows.sort((a, b) =>
    BigInt(b.wonMinor) > BigInt(a.wonMinor) ? 1 : BigInt(b.wonMinor) < BigInt(a.wonMinor) ? -1 : 0,
  )
  return {
    model: { id: model.row.id, name: model.row.name },
    items: rows.map((r) => ({
      actor: r.actor,
      actorKind: r.actorKind,
      partnerName: partners.get(r.actor)?.name ?? null,
      currency: r.currency,
      won: toMoneyView(r.wonMinor, r.currency),
      pipeline: toMoneyView(r.openMinor, r.currency),
      conversions: r.conversions,
      deals: r.deals,
    })),
  }
}

/** Every enabled model side by side: each actor's won value, and how far each model is from paying. */
export async function compareModels(
  db: Db,
  scope: Scope,
  period: Period,
  clock: Clock,
): Promise<ComparisonView> {
  creditsPermissions.require(scope, 'credits.read')
  await db.transaction((tx) => ensureModels(tx, scope.orgId, clock))
  const models = (await readModels(db, scope.orgId)).filter((m) => m.row.role !== 'off')
  const paying = models.find((m) => m.row.role === 'paying')
  const rows = await sumCredits(
    db,
    scope,
    models.map((m) => m.row.id),
    period,
  )
  const byActor = new Map<
    string,
    { actor: string; actorKind: string; currency: string; won: Map<string, bigint> }
  >()
  for (const r of rows) {
    const k = `${r.actor}|${r.currency}`
    const entry = byActor.get(k) ?? {
      actor: r.actor,
      actorKind: r.actorKind,
      currency: r.currency,
      won: new Map(),
    }
    entry.won.set(r.modelId, BigInt(r.wonMinor))
    byActor.set(k, entry)
  }
  const partners = await findPartners(
    db,
    scope.orgId,
    [...byActor.values()].map((e) => e.actor),
  )
  const result = [...byActor.values()].map((e) => {
    const payingValue = paying ? (e.won.get(paying.row.id) ?? 0n) : 0n
    return {
      actor: e.actor,
      actorKind: e.actorKind,
      partnerName: partners.get(e.actor)?.name ?? null,
      currency: e.currency,
      wonByModel: Object.fromEntries(models.map((m) => [m.row.id, (e.won.get(m.row.id) ?? 0n).toString()])),
      deltaFromPaying: Object.fromEntries(
        models.map((m) => [m.row.id, ((e.won.get(m.row.id) ?? 0n) - payingValue).toString()]),
      ),
      payingValue,
    }
  })
  result.sort((a, b) =>
    b.payingValue > a.payingValue ? 1 : b.payingValue < a.payingValue ? -1 : a.actor.localeCompare(b.actor),
  )
  return {
    models: models.map((m) => ({
      id: m.row.id,
      key: m.row.key as ComparisonView['models'][number]['key'],
      name: m.row.name,
      role: m.row.role,
    })),
    rows: result.map(({ payingValue: _payingValue, ...row }) => row),
  }
}
