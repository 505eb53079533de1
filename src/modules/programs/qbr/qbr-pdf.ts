// A quarterly business review as a PDF: title, partner and quarter, then sections (revenue by model
// with a bar chart of this quarter against the last, pipeline, top deals, commissions, tier, health,
// certifications, goals), a page at a time. Drawn from the stored view, so a version always prints
// the same; `createdAt` dates the file, so the same review gives the same bytes.
import { PDFDocument, rgb, StandardFonts } from 'pdf-lib'
import { formatAmount } from '../../../money'
import { muted, type Pen, rule, text, withThousands } from '../../../platform/pdf-pen'
import type { QbrView } from './qbr.contract'

type MoneyText = { amount: string; currency: string }
const money = (m: MoneyText) => `${withThousands(m.amount)} ${m.currency}`
const percent = (decimal: string) => `${(Number(decimal) * 100).toFixed(1)}%`
const change = (value: number | null) => (value === null ? 'new' : `${value > 0 ? '+' : ''}${value}%`)

const thisQuarterColour = rgb(0.13, 0.4, 0.8)
const lastQuarterColour = rgb(0.7, 0.76, 0.85)

export async function drawQbr(review: QbrView, orgName: string): Promise<Uint8Array> {
  const f = review.figures
  const doc = await PDFDocument.create()
  const createdAt = new Date(review.createdAt)
  doc.setTitle(`Quarterly business review ${review.quarter}: ${review.partnerName}`)
  doc.setProducer('Credence')
  doc.setCreator('Credence')
  doc.setCreationDate(createdAt)
  doc.setModificationDate(createdAt)
  const regular = await doc.embedFont(StandardFonts.Helvetica)
  const bold = await doc.embedFont(StandardFonts.HelveticaBold)
  const left = 54
  const width = 504
  const rightEdge = left + width
  let pen: Pen = { page: doc.addPage([612, 792]), regular, bold }
  let y = 730

  const room = (needed: number) => {
    if (y - needed >= 60) return
    pen = { page: doc.addPage([612, 792]), regular, bold }
    y = 740
  }
  const right = (value: string, x: number, yAt: number, isBold = false) => {
    const font = isBold ? bold : regular
    text(pen, value, x - font.widthOfTextAtSize(value, 9), yAt, { size: 9, isBold })
  }
  const section = (title: string, needed = 60) => {
    room(needed + 30)
    y -= 10
    text(pen, title, left, y, { size: 12, isBold: true })
    pen.page.drawLine({
      start: { x: left, y: y - 5 },
      end: { x: rightEdge, y: y - 5 },
      thickness: 1,
      color: rule,
    })
    y -= 20
  }
  const line = (value: string, options: { isBold?: boolean; color?: typeof muted; indent?: number } = {}) => {
    room(14)
    text(pen, value, left + (options.indent ?? 0), y, {
      size: 9,
      width: width - (options.indent ?? 0),
      ...options,
    })
    y -= 14
  }

  text(pen, 'Quarterly business review', left, y, { size: 20, isBold: true })
  y -= 22
  text(pen, `${review.partnerName} · ${review.quarter}`, left, y, { size: 13, width })
  y -= 16
  text(
    pen,
    `from ${orgName} · version ${review.version} · figures as of ${review.createdAt.slice(0, 10)} · ${f.from.slice(0, 10)} to ${f.to.slice(0, 10)} (end excluded)`,
    left,
    y,
    { size: 8, color: muted, width },
  )
  y -= 14

  // revenue by model, this quarter against the last
  section('Attributed revenue by model', 80 + f.models.length * 14)
  const columns = { model: left, now: left + 300, before: left + 400, change: rightEdge }
  for (const [label, x] of [
    [review.quarter, columns.now],
    [f.previousQuarter, columns.before],
    ['Change', columns.change],
  ] as const)
    text(pen, label, x - bold.widthOfTextAtSize(label, 8), y, { size: 8, isBold: true, color: muted })
  text(pen, 'Model', columns.model, y, { size: 8, isBold: true, color: muted })
  y -= 14
  for (const model of f.models) {
    const lines = model.revenue.length > 0 ? model.revenue : null
    const label = `${model.modelName}${model.role === 'paying' ? ' (paying)' : ''}`
    if (!lines) {
      line(`${label}: no attributed revenue in either quarter`, { color: muted })
      continue
    }
    for (const r of lines) {
      room(14)
      text(pen, label, columns.model, y, { size: 9, width: 230, isBold: model.role === 'paying' })
      right(money(r.current), columns.now, y, model.role === 'paying')
      right(money(r.previous), columns.before, y)
      right(change(r.changePercent), columns.change, y)
      y -= 14
    }
  }
  line(`Won deals in the quarter (paying model): ${f.wonDeals}`)

  // the bar chart: one pair of bars per model in the chart currency, scaled to the largest
  const bars = f.models.map((m) => {
    const r = m.revenue.find((x) => x.current.currency === f.chartCurrency)
    return {
      name: m.modelName,
      now: BigInt(r?.current.amountMinor ?? '0'),
      before: BigInt(r?.previous.amountMinor ?? '0'),
      nowText: r ? money(r.current) : `0 ${f.chartCurrency}`,
    }
  })
  let largest = 0n
  for (const bar of bars) for (const v of [bar.now, bar.before]) if (v > largest) largest = v
  if (bars.length > 0 && largest > 0n) {
    room(40 + bars.length * 26)
    y -= 4
    text(pen, `In ${f.chartCurrency}: ${review.quarter}`, left + 150, y, { size: 8, color: muted })
    pen.page.drawRectangle({ x: left + 140, y: y - 1, width: 7, height: 7, color: thisQuarterColour })
    text(pen, f.previousQuarter, left + 250, y, { size: 8, color: muted })
    pen.page.drawRectangle({ x: left + 240, y: y - 1, width: 7, height: 7, color: lastQuarterColour })
    y -= 16
    const barLeft = left + 140
    const barWidth = 280
    const scaled = (v: bigint) => Number((v * 10_000n) / largest) / 10_000
    for (const bar of bars) {
      text(pen, bar.name, left, y - 6, { size: 8, width: 130 })
      pen.page.drawRectangle({
        x: barLeft,
        y,
        width: Math.max(1, barWidth * scaled(bar.now)),
        height: 8,
        color: thisQuarterColour,
      })
      pen.page.drawRectangle({
        x: barLeft,
        y: y - 10,
        width: Math.max(1, barWidth * scaled(bar.before)),
        height: 8,
        color: lastQuarterColour,
      })
      text(pen, bar.nowText, barLeft + barWidth + 8, y, { size: 8, color: muted, width: 80 })
      y -= 26
    }
  }

  section('Attributed pipeline (open deals)', 30 + f.models.length * 14)
  for (const model of f.models) {
    if (model.pipeline.length === 0) line(`${model.modelName}: none`, { color: muted })
    for (const p of model.pipeline) line(`${model.modelName}: ${money(p.amount)} on ${p.deals} open deal(s)`)
  }

  section('Top deals', 30 + f.topDeals.length * 14)
  if (f.topDeals.length === 0) line('No attributed won deals in the quarter.', { color: muted })
  else {
    const c = { deal: left, amount: left + 280, credit: left + 370, share: left + 430, part: rightEdge }
    for (const [label, x] of [
      ['Deal amount', c.amount],
      ['Attributed', c.credit],
      ['Share', c.share],
      ['Of revenue', c.part],
    ] as const)
      text(pen, label, x - bold.widthOfTextAtSize(label, 8), y, { size: 8, isBold: true, color: muted })
    text(pen, 'Deal (model)', c.deal, y, { size: 8, isBold: true, color: muted })
    y -= 14
    for (const d of f.topDeals) {
      room(14)
      text(pen, `${d.dealName} (${d.modelName})`, c.deal, y, { size: 9, width: 190 })
      right(money(d.dealAmount), c.amount, y)
      right(money(d.credit), c.credit, y, true)
      right(percent(d.share), c.share, y)
      right(percent(d.shareOfRevenue), c.part, y)
      y -= 14
    }
  }

  section('Commissions', 30 + f.commissions.length * 14)
  if (f.commissions.length === 0) line('No commission lines dated in the quarter.', { color: muted })
  for (const c of f.commissions)
    line(`Earned ${money(c.earned)} · paid ${money(c.paid)} · pending ${money(c.pending)}`)

  section('Tier', 50)
  line(
    f.tier.current
      ? `Tier: ${f.tier.current.name}${f.tier.ladderName ? ` (${f.tier.ladderName})` : ''}`
      : 'No tier held',
    { isBold: true },
  )
  if (f.tier.next)
    line(`Next: ${f.tier.next.name}: ${f.tier.next.met ? 'criteria met' : f.tier.next.summary}`)

  section('Health', 30 + (f.health?.reasons.length ?? 0) * 14)
  if (!f.health) line('Not scored yet.', { color: muted })
  else {
    line(`Score: ${f.health.score ?? 'unscored'} (${f.health.band.replace('_', ' ')}) on ${f.health.day}`, {
      isBold: true,
    })
    for (const r of f.health.reasons) line(`- ${r.reason}`, { indent: 8 })
  }

  section('Certifications', 40)
  line(
    `${f.certifications.valid} valid at the end of the quarter; ${f.certifications.earnedInQuarter} earned in it`,
  )
  if (f.certifications.names.length > 0) line(f.certifications.names.join(', '), { color: muted })

  section(`Goals for ${f.nextQuarter}`, 30 + review.goals.length * 14)
  if (review.goals.length === 0) line('No goals set.', { color: muted })
  for (const g of review.goals) {
    const target =
      g.targetMinor === null
        ? ''
        : g.currency
          ? `, target ${money({ amount: formatAmount(BigInt(g.targetMinor), g.currency), currency: g.currency })}`
          : `, target ${g.targetMinor}`
    line(`- ${g.text}${target}`)
  }
  return doc.save({ useObjectStreams: false })
}
