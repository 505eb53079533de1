// From what the ledger holds to what it should hold, in entries: a line that is new is posted, a
// line whose amount changed is reversed and posted again, a line no longer earned is reversed, and a
// line already right gets nothing — so working it out twice posts nothing the second time. Pure.

import type { DesiredLine } from './commission-calc'
import type { ReceiptView } from './incentives.contract'

export interface PostedEntry {
  id: string
  lineKey: string
  seq: number
  kind: 'earned' | 'reversal'
  reversesId: string | null
  amountMinor: bigint
  currency: string
  receipt: ReceiptView | null
  partnerId: string
  dealId: string
  planId: string
  lineDate: string
}

export interface Posting {
  lineKey: string
  seq: number
  kind: 'earned' | 'reversal'
  /** For a reversal: the id of the entry it cancels. */
  reversesId: string | null
  amountMinor: bigint
  currency: string
  receipt: ReceiptView | null
  reason: string
  /** The line this posting belongs to; a reversal is payable at once (it has no hold of its own). */
  line: { planId: string; dealId: string; partnerId: string; lineDate: string; holdDays: number }
}

/** Each line's entry in force: its latest earned entry that no reversal cancels. */
export function liveEntries(posted: readonly PostedEntry[]): Map<string, PostedEntry> {
  const reversed = new Set(posted.filter((e) => e.reversesId).map((e) => e.reversesId!))
  const live = new Map<string, PostedEntry>()
  for (const entry of posted) {
    if (entry.kind !== 'earned' || reversed.has(entry.id)) continue
    const current = live.get(entry.lineKey)
    if (!current || entry.seq > current.seq) live.set(entry.lineKey, entry)
  }
  return live
}

/** What changed between the receipt a line was posted with and the one it has now. */
export function describeChange(before: ReceiptView | null, after: ReceiptView): string {
  if (!before) return 'recomputed'
  const changes: string[] = []
  if (before.credit.share !== after.credit.share)
    changes.push(`attribution share ${shareText(before.credit.share)} → ${shareText(after.credit.share)}`)
  if (before.deal.amount.amountMinor !== after.deal.amount.amountMinor)
    changes.push(
      `deal amount ${before.deal.amount.amount} → ${after.deal.amount.amount} ${after.deal.amount.currency}`,
    )
  if (before.deal.closedOn !== after.deal.closedOn)
    changes.push(`close day ${before.deal.closedOn} → ${after.deal.closedOn}`)
  if (before.plan.version !== after.plan.version)
    changes.push(`plan version ${before.plan.version} → ${after.plan.version}`)
  if (before.fx?.rate !== after.fx?.rate) changes.push('FX rate')
  const refunded = (receipt: ReceiptView) => receipt.revenue?.refunded.amountMinor ?? '0'
  if (refunded(before) !== refunded(after))
    changes.push(
      `refunds ${before.revenue?.refunded.amount ?? '0'} → ${after.revenue?.refunded.amount ?? '0'} ${after.deal.amount.currency}`,
    )
  const churned = after.revenue?.churnedOn
  if (churned && churned !== before.revenue?.churnedOn)
    changes.push(`customer churned on ${churned}, inside the clawback window`)
  if (changes.length === 0) changes.push('the rate (tiers reached in the period, or the plan’s terms)')
  return changes.join('; ')
}

const shareText = (share: string) => `${(Number(share) * 100).toFixed(2).replace(/\.?0+$/, '')}%`

/**
 * The entries that bring the posted lines to the desired ones. `inScope` says which posted lines
 * this computation answers for (a line outside it is left alone); `whyGone` words the reversal of a
 * line that is no longer earned.
 */
export function planPostings(
  posted: readonly PostedEntry[],
  desired: readonly DesiredLine[],
  inScope: (lineKey: string) => boolean,
  whyGone: (lineKey: string) => string,
): Posting[] {
  const nextSeq = new Map<string, number>()
  for (const entry of posted)
    nextSeq.set(entry.lineKey, Math.max(nextSeq.get(entry.lineKey) ?? 1, entry.seq + 1))
  const seqOf = (lineKey: string) => {
    const seq = nextSeq.get(lineKey) ?? 1
    nextSeq.set(lineKey, seq + 1)
    return seq
  }
  const live = liveEntries(posted)
  const wanted = new Map(desired.map((line) => [line.lineKey, line]))
  const postings: Posting[] = []
  const reverse = (entry: PostedEntry, reason: string) =>
    postings.push({
      lineKey: entry.lineKey,
      seq: seqOf(entry.lineKey),
      kind: 'reversal',
      reversesId: entry.id,
      amountMinor: -entry.amountMinor,
      currency: entry.currency,
      receipt: null,
      reason,
      line: {
        planId: entry.planId,
        dealId: entry.dealId,
        partnerId: entry.partnerId,
        lineDate: entry.lineDate,
        holdDays: 0,
      },
    })
  for (const [lineKey, entry] of live) {
    if (wanted.has(lineKey) || !inScope(lineKey)) continue
    reverse(entry, whyGone(lineKey))
  }
  for (const line of desired) {
    const current = live.get(line.lineKey)
    // a line worth nothing (a tier not yet reached) needs no entry; one that was worth something is reversed
    if (line.amountMinor === 0n) {
      if (current) reverse(current, `Now earns nothing: ${describeChange(current.receipt, line.receipt)}`)
      continue
    }
    if (current && current.amountMinor === line.amountMinor && current.currency === line.currency) continue
    const label = `${line.receipt.plan.name} v${line.receipt.plan.version}, ${line.receipt.rule.label}`
    if (current) reverse(current, `Replaced: ${describeChange(current.receipt, line.receipt)}`)
    postings.push({
      lineKey: line.lineKey,
      seq: seqOf(line.lineKey),
      kind: 'earned',
      reversesId: null,
      amountMinor: line.amountMinor,
      currency: line.currency,
      receipt: line.receipt,
      reason: current
        ? `Earned again under ${label}: ${describeChange(current.receipt, line.receipt)}`
        : `Earned under ${label}`,
      line: {
        planId: line.planId,
        dealId: line.dealId,
        partnerId: line.partnerId,
        lineDate: line.lineDate,
        holdDays: line.holdDays,
      },
    })
  }
  return postings
}
