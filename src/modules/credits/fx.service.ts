// Reporting in one currency: the org loads the ECB's euro reference rates (the published file as it
// is), and totals in other currencies are converted at the rates in force on the reporting day —
// each currency's last rate on or before it — and say so.
import { and, eq, lte, sql } from 'drizzle-orm'
import { type Db, queryRows } from '../../db/client'
import { type Money, parseEcbRates, type RateSnapshot } from '../../money'
import { invalidField } from '../../platform/app-error'
import { writeAudit } from '../../platform/audit'
import type { Clock } from '../../platform/clock'
import { publish } from '../../platform/events'
import type { Scope } from '../../platform/scope'
import { creditEvents } from './credits.events'
import { creditsPermissions } from './credits.permissions'
import { fxRates } from './credits.tables'

export interface FxRatesView {
  days: number
  from: string | null
  to: string | null
  currencies: string[]
  skipped: { line: number; reason: string }[]
}

const batchSize = 2000

/** Loads (or reloads) an ECB rates file; a day already loaded takes the file's rate. */
export async function importEcbRates(db: Db, scope: Scope, text: string, clock: Clock): Promise<FxRatesView> {
  creditsPermissions.require(scope, 'credits.settings')
  let parsed: ReturnType<typeof parseEcbRates>
  try {
    parsed = parseEcbRates(text)
  } catch (error) {
    throw invalidField('file', (error as Error).message)
  }
  if (parsed.days.length === 0) throw invalidField('file', 'holds no publication day')
  const rows = parsed.days.flatMap(({ day, rates }) =>
    Object.entries(rates).map(([currency, perEur]) => ({ orgId: scope.orgId, currency, day, perEur })),
  )
  await db.transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += batchSize)
      await tx
        .insert(fxRates)
        .values(rows.slice(i, i + batchSize))
        .onConflictDoUpdate({
          target: [fxRates.orgId, fxRates.currency, fxRates.day],
          set: { perEur: sql`excluded.per_eur` },
        })
    await writeAudit(
      tx,
      scope,
      {
        action: 'fx_rates.imported',
        entityType: 'fx_rates',
        entityId: 'ecb',
        after: { days: parsed.days.length, rates: rows.length },
      },
      clock,
    )
    // converted figures (the dashboard's, cached per org) are out of date
    const days = parsed.days.map((d) => d.day).sort()
    await publish(
      tx,
      scope,
      creditEvents.event('fx_rates.loaded', null, { days: days.length, from: days[0]!, to: days.at(-1)! }),
      clock,
    )
  })
  return { ...(await describeRates(db, scope)), skipped: parsed.skipped }
}

/**
 * A rate the org enters itself: units of `currency` per 1 EUR on `day` (a day already loaded takes
 * this rate). For currencies or days the ECB does not publish, or a rate the org's bank gave it.
 */
export async function enterRate(
  db: Db,
  scope: Scope,
  input: { currency: string; day: string; perEur: string },
  clock: Clock,
): Promise<Omit<FxRatesView, 'skipped'>> {
  creditsPermissions.require(scope, 'credits.settings')
  if (input.currency === 'EUR') throw invalidField('currency', 'is the base: the euro is 1 euro')
  await db.transaction(async (tx) => {
    const row = { orgId: scope.orgId, currency: input.currency, day: input.day, perEur: input.perEur }
    await tx
      .insert(fxRates)
      .values(row)
      .onConflictDoUpdate({
        target: [fxRates.orgId, fxRates.currency, fxRates.day],
        set: { perEur: input.perEur },
      })
    await writeAudit(
      tx,
      scope,
      {
        action: 'fx_rates.entered',
        entityType: 'fx_rates',
        entityId: `${input.currency}:${input.day}`,
        after: row,
      },
      clock,
    )
    await publish(
      tx,
      scope,
      creditEvents.event('fx_rates.loaded', null, { days: 1, from: input.day, to: input.day }),
      clock,
    )
  })
  return describeRates(db, scope)
}

export async function describeRates(db: Db, scope: Scope): Promise<Omit<FxRatesView, 'skipped'>> {
  creditsPermissions.require(scope, 'credits.read')
  const [summary] = await queryRows<{
    days: number
    from: string | null
    to: string | null
    currencies: string[] | null
  }>(
    db,
    sql`select count(distinct day)::int as days, min(day) as "from", max(day) as "to",
      array_agg(distinct currency order by currency) as currencies
      from ${fxRates} where org_id = ${scope.orgId}`,
  )
  return {
    days: summary?.days ?? 0,
    from: summary?.from ?? null,
    to: summary?.to ?? null,
    currencies: summary?.currencies ?? [],
  }
}

/** The rates in force on a day: each currency's last rate on or before it. */
export async function ratesInForce(db: Db, orgId: string, day: string): Promise<RateSnapshot | null> {
  const rows = await db
    .selectDistinctOn([fxRates.currency], {
      currency: fxRates.currency,
      day: fxRates.day,
      perEur: fxRates.perEur,
    })
    .from(fxRates)
    .where(and(eq(fxRates.orgId, orgId), lte(fxRates.day, day)))
    .orderBy(fxRates.currency, sql`${fxRates.day} desc`)
  if (rows.length === 0) return null
  return {
    base: 'EUR',
    asOf: rows
      .map((r) => r.day)
      .sort()
      .at(-1)!,
    rates: Object.fromEntries(rows.map((r) => [r.currency, r.perEur])),
  }
}

/** Whether the snapshot can convert this money (the euro needs no rate). */
export const canConvert = (snapshot: RateSnapshot, money: Money) =>
  money.currency === snapshot.base || snapshot.rates[money.currency] !== undefined
