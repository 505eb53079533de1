// CSV for files people open in a spreadsheet (problem reports, bank payout files): every field is
// quoted, and a field a spreadsheet would run as a formula starts with an apostrophe so it shows as text.

const FORMULA_START = /^[=+\-@\t\r]/

/** One CSV field: quoted, inner quotes doubled, never read as a formula; null and undefined are empty. */
export function csvField(value: string | number | bigint | null | undefined): string {
  if (value === null || value === undefined) return ''
  const text = String(value)
  const safe = FORMULA_START.test(text) ? `'${text}` : text
  return `"${safe.replaceAll('"', '""')}"`
}

/** One CSV line (without its line break) from its fields, each written by `csvField`. */
export function csvLine(values: readonly (string | number | bigint | null | undefined)[]): string {
  return values.map(csvField).join(',')
}
