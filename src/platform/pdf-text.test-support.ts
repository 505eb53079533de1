// Test support: reading back the text a PDF drawn with pdf-lib shows.
import { inflateSync } from 'node:zlib'

/** The text a pdf-lib page draws: its content streams inflated, their hex strings decoded. */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1')
  const parts: string[] = []
  for (const match of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    const bytes = Buffer.from(match[1]!, 'latin1')
    let content: string
    try {
      content = inflateSync(bytes).toString('latin1')
    } catch {
      content = bytes.toString('latin1')
    }
    for (const hex of content.matchAll(/<([0-9A-Fa-f]+)>\s*Tj/g))
      parts.push(Buffer.from(hex[1]!, 'hex').toString('latin1'))
  }
  return parts.join('\n')
}
