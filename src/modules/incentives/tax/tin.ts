// US and foreign tax ids: their formats and the ranges the SSA and IRS never issue, and how they
// show once stored (only the last 4 characters). Problems never repeat the value given.
import type { TinKind } from './tax.contract'

export type TinCheck = { ok: true; normalized: string; last4: string } | { ok: false; problem: string }

// EIN prefixes the IRS assigns (its campuses and online); any other first two digits were never issued
const einPrefixes = new Set(
  (
    '01 02 03 04 05 06 10 11 12 13 14 15 16 20 21 22 23 24 25 26 27 30 31 32 33 34 35 36 37 38 39 ' +
    '40 41 42 43 44 45 46 47 48 50 51 52 53 54 55 56 57 58 59 60 61 62 63 64 65 66 67 68 71 72 73 ' +
    '74 75 76 77 80 81 82 83 84 85 86 87 88 90 91 92 93 94 95 98 99'
  ).split(' '),
)

/** ITIN group digits (4th and 5th) the IRS issues: 50–65, 70–88, 90–92 and 94–99. */
const isItinGroup = (group: number) =>
  (group >= 50 && group <= 65) ||
  (group >= 70 && group <= 88) ||
  (group >= 90 && group <= 92) ||
  (group >= 94 && group <= 99)

const fail = (problem: string): TinCheck => ({ ok: false, problem })

/** Checks a US tax id of the given kind; answers it in its dashed form with its last 4 digits. */
export function checkTin(kind: TinKind, value: string): TinCheck {
  const given = value.trim()
  if (kind === 'ein') {
    const match = /^(\d{2})-?(\d{7})$/.exec(given)
    if (!match) return fail('must be an EIN in the form XX-XXXXXXX')
    const [, prefix, rest] = match as unknown as [string, string, string]
    if (!einPrefixes.has(prefix)) return fail('does not start with a prefix the IRS assigns to EINs')
    return { ok: true, normalized: `${prefix}-${rest}`, last4: rest.slice(-4) }
  }
  const match = /^(\d{3})-?(\d{2})-?(\d{4})$/.exec(given)
  const label = kind === 'ssn' ? 'an SSN' : 'an ITIN'
  if (!match) return fail(`must be ${label} in the form ${kind === 'ssn' ? 'AAA-GG-SSSS' : '9XX-XX-XXXX'}`)
  const [, area, group, serial] = match as unknown as [string, string, string, string]
  const areaNumber = Number(area)
  if (kind === 'itin') {
    if (!area.startsWith('9')) return fail('must start with 9 (an ITIN)')
    if (!isItinGroup(Number(group))) return fail('has 4th and 5th digits outside the ranges the IRS issues')
  } else {
    if (areaNumber === 0 || areaNumber === 666 || areaNumber >= 900)
      return fail('has an area number (first 3 digits) the SSA never issues: 000, 666 or 900–999')
    if (group === '00') return fail('has a group number (middle 2 digits) of 00, which the SSA never issues')
    if (serial === '0000')
      return fail('has a serial number (last 4 digits) of 0000, which the SSA never issues')
  }
  return { ok: true, normalized: `${area}-${group}-${serial}`, last4: serial }
}

/** Checks a tax id of another country: 5 to 30 letters and digits, with spaces, dots, dashes or slashes. */
export function checkForeignTin(value: string): TinCheck {
  const given = value.trim()
  if (!/^[A-Za-z0-9 ./-]+$/.test(given)) return fail('may hold only letters, digits, spaces, . / and -')
  const compact = given.replace(/[ ./-]/g, '').toUpperCase()
  if (compact.length < 5 || compact.length > 30) return fail('must have 5 to 30 letters and digits')
  return { ok: true, normalized: compact, last4: compact.slice(-4) }
}

/** How a stored US tax id shows: `•••-••-1234` (SSN, ITIN) or `••-•••1234` (EIN). */
export function maskTin(kind: TinKind, last4: string): string {
  return kind === 'ein' ? `••-•••${last4}` : `•••-••-${last4}`
}

/** How a stored foreign tax id shows: its last 4 characters. */
export const maskForeignTin = (last4: string): string => `••••${last4}`
