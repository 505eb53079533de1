// A partner's 1099-NEC statement as a PDF: payer and recipient blocks, box 1 nonemployee
// compensation and the year, in a plain layout (not the IRS's scannable red form); the tax id masked.
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { box, ink, muted, type Pen, rule, text, withThousands } from '../../../platform/pdf-pen'
import type { Statement1099 } from './form-1099.service'

/** Draws the statement; `createdAt` dates the file, so the same figures give the same bytes. */
export async function draw1099Statement(statement: Statement1099, createdAt: Date): Promise<Uint8Array> {
  const doc = await PDFDocument.create()
  doc.setTitle(`Form 1099-NEC ${statement.year}: ${statement.partnerName}`)
  doc.setSubject('Nonemployee compensation')
  doc.setProducer('Credence')
  doc.setCreator('Credence')
  doc.setCreationDate(createdAt)
  doc.setModificationDate(createdAt)
  const page = doc.addPage([612, 792])
  const pen: Pen = {
    page,
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
  }
  const left = 54
  const width = 504
  const half = width / 2 - 6

  text(pen, 'Form 1099-NEC', left, 720, { size: 20, isBold: true })
  text(pen, 'Nonemployee Compensation', left, 700, { size: 12, color: muted })
  text(pen, `Calendar year ${statement.year}`, left + width - 150, 720, { size: 14, isBold: true })
  text(pen, 'Copy B — for recipient', left + width - 150, 702, { size: 9, color: muted })
  page.drawLine({ start: { x: left, y: 688 }, end: { x: left + width, y: 688 }, thickness: 1, color: rule })

  // payer (left) and recipient (right) blocks
  const top = 670
  const blockHeight = 150
  box(pen, left, top - blockHeight, half, blockHeight)
  box(pen, left + half + 12, top - blockHeight, half, blockHeight)
  text(pen, 'PAYER', left + 10, top - 18, { size: 8, isBold: true, color: muted })
  text(pen, statement.payerName, left + 10, top - 36, { size: 11, isBold: true, width: half - 20 })

  const rx = left + half + 22
  const recipient = statement.recipient
  text(pen, 'RECIPIENT', rx, top - 18, { size: 8, isBold: true, color: muted })
  text(pen, recipient.legalName ?? statement.partnerName, rx, top - 36, {
    size: 11,
    isBold: true,
    width: half - 20,
  })
  let y = top - 52
  if (recipient.businessName) {
    text(pen, recipient.businessName, rx, y, { width: half - 20 })
    y -= 14
  }
  for (const line of recipient.addressLines.length ? recipient.addressLines : ['No approved W-9 on file']) {
    text(pen, line, rx, y, { width: half - 20, color: recipient.addressLines.length ? ink : muted })
    y -= 14
  }
  text(pen, "RECIPIENT'S TIN", rx, top - blockHeight + 30, { size: 8, isBold: true, color: muted })
  text(pen, recipient.tinMasked ?? 'not on file', rx, top - blockHeight + 14, { size: 11 })
  text(pen, 'ACCOUNT NUMBER', left + 10, top - blockHeight + 30, { size: 8, isBold: true, color: muted })
  text(pen, statement.partnerId, left + 10, top - blockHeight + 14, { size: 9 })

  // box 1
  const boxTop = top - blockHeight - 24
  box(pen, left, boxTop - 70, width, 70)
  text(pen, '1  Nonemployee compensation', left + 10, boxTop - 20, { size: 10, isBold: true })
  text(pen, `$ ${withThousands(statement.box1)}`, left + 10, boxTop - 52, {
    size: 22,
    isBold: true,
  })
  text(pen, 'USD, payments made in the calendar year', left + width - 220, boxTop - 52, {
    size: 9,
    color: muted,
  })

  let notesY = boxTop - 100
  if (statement.notes.length) {
    text(pen, 'Notes', left, notesY, { size: 10, isBold: true })
    notesY -= 16
    for (const note of statement.notes.slice(0, 12)) {
      text(pen, `• ${note}`, left, notesY, { size: 9, width, color: muted })
      notesY -= 13
    }
  }
  text(pen, 'This is important tax information and is being furnished to the IRS.', left, 68, {
    size: 7,
    color: muted,
  })
  text(
    pen,
    'Amounts paid in other currencies were converted to USD at the reference rates of each payment day.',
    left,
    58,
    {
      size: 7,
      color: muted,
    },
  )
  return doc.save({ useObjectStreams: false })
}
