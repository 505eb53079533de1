// Rates and amounts typed by people, turned into the exact strings the API takes and back, by moving
// the decimal point in text: "12.5" % is "0.125", never 0.12500000000000001.

const decimalPattern = /^(\d*)(?:[.,](\d*))?$/

/** Digits and where the point sits, or null for anything but a plain non-negative decimal. */
function readDecimal(text: string): { digits: string; point: number } | null {
  const match = decimalPattern.exec(text.trim())
  if (!match) return null
  const [, whole = '', fraction = ''] = match
  if (whole === '' && fraction === '') return null
  return { digits: whole + fraction, point: whole.length }
}

/** Digits with the point `point` places from the left, without needless zeros: "0100", 2 → "1". */
function writeDecimal(digits: string, point: number): string {
  const padded = point <= 0 ? '0'.repeat(1 - point) + digits : digits.padEnd(point, '0')
  const at = Math.max(point, 1)
  const whole = padded.slice(0, at).replace(/^0+(?=\d)/, '')
  const fraction = padded.slice(at).replace(/0+$/, '')
  return fraction ? `${whole}.${fraction}` : whole
}

/**
 * A percentage as the decimal fraction the API takes: "10" → "0.1", "12.5" → "0.125", "100" → "1".
 * Null for text that is not a percentage from 0 to 100 with at most 8 decimals (the API keeps 10).
 */
export function percentToFraction(text: string): string | null {
  const read = readDecimal(text)
  if (!read) return null
  const fraction = writeDecimal(read.digits, read.point - 2)
  const [whole, decimals = ''] = fraction.split('.')
  if (decimals.length > 10) return null
  if (whole !== '0' && !(whole === '1' && decimals === '')) return null
  return fraction
}

/** A decimal fraction from the API as a percentage: "0.125" → "12.5", "1" → "100". */
export function fractionToPercent(fraction: string): string {
  const read = readDecimal(fraction)
  if (!read) return fraction
  return writeDecimal(read.digits, read.point + 2)
}

/**
 * An amount typed in major units as whole minor units: "1,250.5" is not accepted (no grouping), "1250.5"
 * USD is "125050". Null when it is not a plain amount or has more decimals than the currency.
 */
export function amountToMinor(text: string, minorDigits: number): string | null {
  const read = readDecimal(text)
  if (!read) return null
  const decimals = read.digits.slice(read.point)
  if (decimals.replace(/0+$/, '').length > minorDigits) return null
  const whole = writeDecimal(read.digits, read.point + minorDigits)
  return whole.split('.')[0] ?? '0'
}

/** Whole minor units as the amount people type: "125050" with 2 digits → "1250.5". */
export function minorToAmount(minor: string, minorDigits: number): string {
  const read = readDecimal(minor)
  if (!read) return minor
  return writeDecimal(read.digits, read.point - minorDigits)
}
