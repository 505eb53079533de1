// A partner's commission statement for a period: every entry dated in it (earned, reversed,
// adjusted) with its deal, rule and status, totals per currency, what was paid in the period and
// what is owed now — as figures, and drawn as a PDF.
import { and, asc, eq, gte, lte, sql } from 'drizzle-orm'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import type { Db } from '../../db/client'
import { formatAmount } from '../../money'
import { notFound } from '../../platform/app-error'
import type { Clock } from '../../platform/clock'
import { muted, type Pen, rule, text, withThousands } from '../../platform/pdf-pen'
import type { Scope } from '../../platform/scope'
import { getOrg } from '../identity'
import { findDealNames } from '../journeys'
import { findPartners } from '../partners'
import type { ReceiptView } from './incentives.contract'
import { incentivesPermissions } from './incentives.permissions'
import { commissionEntries } from './incentives.tables'
import { entryStatusSql } from './ledger.service'
import { listBalances } from './ledger-read.service'
import { payouts } from './payouts/payouts.tables'

export interface Statement {
  orgName: string
  partnerId: string
  partnerName: string
  from: string
  to: string
  lines: { day: string; deal: string; what: string; status: string; amountMinor: bigint; currency: string }[]
  totals: {
    currency: string
    earnedMinor: bigint
    reversedMinor: bigint
    paidMinor: bigint
    owedMinor: bigint
  }[]
}

/** The calendar month before the one `day` falls in. */
export function lastMonth(day: Date): { from: string; to: string } {
  const start = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() - 1, 1))
  const end = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), 0))
  return { from: start.toISOString().slice(0, 10), to: end.toISOString().slice(0, 10) }
}

export async function readStatement(
  db: Db,
  scope: Scope,
  partnerId: string,
  period: { from?: string; to?: string },
  clock: Clock,
): Promise<Statement> {
  incentivesPermissions.require(scope, 'incentives.read')
  if (scope.partnerId && scope.partnerId !== partnerId) throw notFound('Partner', partnerId)
  const partner = (await findPartners(db, scope.orgId, [partnerId])).get(partnerId)
  if (!partner) throw notFound('Partner', partnerId)
  const { from, to } = { ...lastMonth(clock.now()), ...period }
  const rows = await db
    .select({ entry: commissionEntries, status: entryStatusSql(clock.now()) })
    .from(commissionEntries)
    .where(
      and(
        eq(commissionEntries.orgId, scope.orgId),
        eq(commissionEntries.partnerId, partnerId),
        gte(commissionEntries.lineDate, from),
        lte(commissionEntries.lineDate, to),
      ),
    )
    .orderBy(asc(commissionEntries.lineDate), asc(commissionEntries.id))
  const dealNames = await findDealNames(
    db,
    scope.orgId,
    rows.map((r) => r.entry.dealId),
  )
  const paid = await db
    .select({ currency: payouts.currency, amount: sql<string>`sum(${payouts.amountMinor})::text` })
    .from(payouts)
    .where(
      and(
        eq(payouts.orgId, scope.orgId),
        eq(payouts.partnerId, partnerId),
        eq(payouts.status, 'paid'),
        gte(payouts.paidAt, new Date(`${from}T00:00:00Z`)),
        lte(payouts.paidAt, new Date(Date.parse(`${to}T00:00:00Z`) + 86_399_999)),
      ),
    )
    .groupBy(payouts.currency)
  const balances = (await listBalances(db, scope, { partnerId }, clock)).items
  const totals = new Map<string, Statement['totals'][number]>()
  const totalOf = (currency: string) => {
    const total = totals.get(currency) ?? {
      currency,
      earnedMinor: 0n,
      reversedMinor: 0n,
      paidMinor: 0n,
      owedMinor: 0n,
    }
    totals.set(currency, total)
    return total
  }
  for (const { entry } of rows) {
    const total = totalOf(entry.currency)
    if (entry.kind === 'reversal') total.reversedMinor += entry.amountMinor
    else total.earnedMinor += entry.amountMinor
  }
  for (const row of paid) totalOf(row.currency).paidMinor = BigInt(row.amount)
  for (const balance of balances)
    totalOf(balance.currency).owedMinor =
      BigInt(balance.pending.amountMinor) +
      BigInt(balance.approved.amountMinor) +
      BigInt(balance.held.amountMinor)
  return {
    orgName: (await getOrg(db, scope.orgId)).name,
    partnerId,
    partnerName: partner.name,
    from,
    to,
    lines: rows.map(({ entry, status }) => {
      const receipt = entry.receipt as ReceiptView | null
      return {
        day: entry.lineDate,
        deal: dealNames.get(entry.dealId) ?? entry.dealId,
        what: receipt ? `${receipt.plan.name} v${receipt.plan.version}: ${receipt.rule.label}` : entry.reason,
        status,
        amountMinor: entry.amountMinor,
        currency: entry.currency,
      }
    }),
    totals: [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
  }
}

const money = (minor: bigint, currency: string) =>
  `${withThousands(formatAmount(minor, currency))} ${currency}`

/** Draws the statement, a page at a time; `createdAt` dates the file, so the same figures give the same bytes. */
export async function drawStatement(statement: Statement, createdAt: Date): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  doc.setTitle(`Commission statement ${statement.from} – ${statement.to}: ${statement.partnerName}`)
  doc.setProducer('Credence')
  doc.setCreator('Credence')
  doc.setCreationDate(createdAt)
  doc.setModificationDate(createdAt)
  const regular = await doc.embedFont(StandardFonts.Helvetica)
  const bold = await doc.embedFont(StandardFonts.HelveticaBold)
  const left = 54
  const width = 504
  const columns = { day: left, deal: left + 64, what: left + 230, status: left + 372, amount: left + 504 }
  let pen: Pen = { page: doc.addPage([612, 792]), regular, bold }
  let y = 0
  const header = () => {
    text(pen, 'Commission statement', left, 730, { size: 18, isBold: true })
    text(pen, `${statement.partnerName} · ${statement.from} to ${statement.to}`, left, 710, {
      size: 11,
      width,
    })
    text(pen, `from ${statement.orgName}`, left, 694, { size: 9, color: muted, width })
    y = 666
    for (const [label, x] of [
      ['Day', columns.day],
      ['Deal', columns.deal],
      ['Plan and rule', columns.what],
      ['Status', columns.status],
    ] as const)
      text(pen, label, x, y, { size: 8, isBold: true, color: muted })
    const amountLabel = 'Amount'
    text(pen, amountLabel, columns.amount - bold.widthOfTextAtSize(amountLabel, 8), y, {
      size: 8,
      isBold: true,
      color: muted,
    })
    pen.page.drawLine({
      start: { x: left, y: y - 6 },
      end: { x: left + width, y: y - 6 },
      thickness: 1,
      color: rule,
    })
    y -= 22
  }
  header()
  const right = (value: string, yAt: number, isBold = false) => {
    const font = isBold ? bold : regular
    text(pen, value, columns.amount - font.widthOfTextAtSize(value, 9), yAt, { size: 9, isBold })
  }
  if (statement.lines.length === 0) {
    text(pen, 'No commission lines in this period.', left, y, { size: 10, color: muted })
    y -= 16
  }
  for (const line of statement.lines) {
    if (y < 150) {
      pen = { page: doc.addPage([612, 792]), regular, bold }
      header()
    }
    text(pen, line.day, columns.day, y, { size: 9 })
    text(pen, line.deal, columns.deal, y, { size: 9, width: 160 })
    text(pen, line.what, columns.what, y, { size: 9, width: 136 })
    text(pen, line.status, columns.status, y, { size: 9, width: 60 })
    right(money(line.amountMinor, line.currency), y)
    y -= 14
  }
  y -= 10
  pen.page.drawLine({ start: { x: left, y }, end: { x: left + width, y }, thickness: 1, color: rule })
  y -= 18
  for (const total of statement.totals) {
    if (y < 90) {
      pen = { page: doc.addPage([612, 792]), regular, bold }
      y = 730
    }
    const rows: [string, bigint][] = [
      [`Earned in the period (${total.currency})`, total.earnedMinor],
      ['Reversed in the period', total.reversedMinor],
      ['Paid in the period', total.paidMinor],
      ['Owed now: pending, approved and held', total.owedMinor],
    ]
    for (const [label, amount] of rows) {
      text(pen, label, columns.what, y, { size: 9, isBold: label.startsWith('Owed') })
      right(money(amount, total.currency), y, label.startsWith('Owed'))
      y -= 14
    }
    y -= 8
  }
  text(
    pen,
    'Each line’s receipt — deal, attribution share, plan, rule, rate and FX — is in the partner portal.',
    left,
    48,
    {
      size: 7,
      color: muted,
    },
  )
  return doc.save({ useObjectStreams: false })
}
