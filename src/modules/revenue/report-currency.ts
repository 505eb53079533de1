// Revenue reports in one currency: the one asked for, or the org's reporting currency; amounts in
// others are converted at the rates in force today, and those no stored rate reaches are counted apart.
import type { Db } from '../../db/client'
import { convert } from '../../money'
import type { Clock } from '../../platform/clock'
import { canConvert, ratesInForce } from '../credits'
import { readReportingCurrency } from '../identity'

/** The currency a report is in: the one asked for, else the org's reporting currency, else USD. */
export async function reportCurrency(db: Db, orgId: string, asked: string | undefined): Promise<string> {
  return asked ?? (await readReportingCurrency(db, orgId)) ?? 'USD'
}

/** Converts deal values to the report's currency with the rates in force today. */
export async function converterFor(db: Db, orgId: string, currency: string, clock: Clock) {
  const snapshot = await ratesInForce(db, orgId, clock.now().toISOString().slice(0, 10))
  const unconverted = new Map<string, number>()
  return {
    /** The value in the report's currency, or null (counted as unconverted) when no rate allows it. */
    value(amountMinor: bigint, from: string): bigint | null {
      if (from === currency) return amountMinor
      const money = { amountMinor, currency: from }
      if (!snapshot || !canConvert(snapshot, money) || !canConvert(snapshot, { amountMinor: 0n, currency })) {
        unconverted.set(from, (unconverted.get(from) ?? 0) + 1)
        return null
      }
      return convert(money, currency, snapshot).amountMinor
    },
    unconverted: () => ({
      deals: [...unconverted.values()].reduce((a, b) => a + b, 0),
      currencies: [...unconverted.keys()].sort(),
    }),
  }
}
