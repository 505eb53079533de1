// Drawing text on a PDF page with pdf-lib's standard fonts, shared by statements, tax forms and business
// reviews: what they cannot draw is replaced, lines are cut to a width, amounts are grouped by thousands
// from their decimal text.
import { type PDFFont, type PDFPage, rgb } from 'pdf-lib'

export const ink = rgb(0.1, 0.12, 0.16)
export const muted = rgb(0.42, 0.45, 0.5)
export const rule = rgb(0.8, 0.82, 0.86)

/** Text the standard font can draw: accents kept where it has them, anything else shown as '?'. */
function drawable(font: PDFFont, text: string): string {
  const known = new Set(font.getCharacterSet())
  return [...text.replace(/[\r\n\t]+/g, ' ')]
    .map((ch) => {
      if (known.has(ch.codePointAt(0)!)) return ch
      const plain = ch.normalize('NFKD').replace(/\p{M}/gu, '')
      return plain && [...plain].every((c) => known.has(c.codePointAt(0)!)) ? plain : '?'
    })
    .join('')
}

/** Cuts a line to the width, ending in an ellipsis when it had to be cut. */
function fitted(font: PDFFont, text: string, size: number, width: number): string {
  if (font.widthOfTextAtSize(text, size) <= width) return text
  let cut = text
  while (cut.length > 0 && font.widthOfTextAtSize(`${cut}…`, size) > width) cut = cut.slice(0, -1)
  return `${cut}…`
}

/** "1234567.50" → "1,234,567.50", from the decimal text (no float on the way). */
export function withThousands(amount: string): string {
  const [whole = '0', fraction] = amount.split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return fraction === undefined ? grouped : `${grouped}.${fraction}`
}

export interface Pen {
  page: PDFPage
  regular: PDFFont
  bold: PDFFont
}

export function text(
  pen: Pen,
  value: string,
  x: number,
  y: number,
  options: { size?: number; isBold?: boolean; color?: typeof ink; width?: number } = {},
) {
  const font = options.isBold ? pen.bold : pen.regular
  const size = options.size ?? 10
  const safe = drawable(font, value)
  pen.page.drawText(options.width ? fitted(font, safe, size, options.width) : safe, {
    x,
    y,
    size,
    font,
    color: options.color ?? ink,
  })
}

export function box(pen: Pen, x: number, y: number, width: number, height: number) {
  pen.page.drawRectangle({ x, y, width, height, borderColor: rule, borderWidth: 1 })
}
