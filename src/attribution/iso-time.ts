// ISO-8601 times read by hand for the forms files use: `YYYY-MM-DDTHH:MM:SS`, an optional `.sss`
// and `Z` or `±HH:MM`. Reading millions of touch times through a regular expression and Date.parse
// costs seconds; this costs a few character codes each. Anything else (date-only, other fraction
// lengths, out-of-range fields) returns NaN so the caller falls back to Date.parse.

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

function digits(text: string, from: number, count: number): number {
  let value = 0
  for (let at = from; at < from + count; at++) {
    const code = text.charCodeAt(at) - 48
    if (code < 0 || code > 9) return -1
    value = value * 10 + code
  }
  return value
}

/** Days from 1970-01-01 to a proleptic Gregorian date (Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yearOfEra = y - era * 400
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear
  return era * 146_097 + dayOfEra - 719_468
}

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0

/** Epoch milliseconds of a common ISO-8601 time, or NaN when the text is in another form. */
export function parseIsoTimeFast(text: string): number {
  const length = text.length
  if (length < 20 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84)
    return Number.NaN
  if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return Number.NaN
  const year = digits(text, 0, 4)
  const month = digits(text, 5, 2)
  const day = digits(text, 8, 2)
  const hour = digits(text, 11, 2)
  const minute = digits(text, 14, 2)
  const second = digits(text, 17, 2)
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23) return Number.NaN
  if (minute < 0 || minute > 59 || second < 0 || second > 59) return Number.NaN
  if (day > (DAYS_IN_MONTH[month - 1] ?? 0) || (month === 2 && day === 29 && !isLeap(year))) return Number.NaN
  let at = 19
  let millis = 0
  if (text.charCodeAt(at) === 46) {
    millis = digits(text, at + 1, 3)
    if (millis < 0) return Number.NaN
    at += 4
  }
  let offset = 0
  const zone = text.charCodeAt(at)
  if (zone === 90) at += 1
  else if (zone === 43 || zone === 45) {
    const hours = digits(text, at + 1, 2)
    const minutes = digits(text, at + 4, 2)
    if (text.charCodeAt(at + 3) !== 58 || hours < 0 || hours > 23 || minutes < 0 || minutes > 59)
      return Number.NaN
    offset = (zone === 43 ? 1 : -1) * (hours * 60 + minutes)
    at += 6
  } else return Number.NaN
  if (at !== length) return Number.NaN
  const days = daysFromCivil(year, month, day)
  return ((days * 24 + hour) * 60 + minute - offset) * 60_000 + second * 1000 + millis
}

/** Two ASCII digits at bytes[at] as a number, or −1. */
function twoDigits(bytes: Uint8Array, at: number): number {
  const tens = bytes[at] - 48
  const ones = bytes[at + 1] - 48
  return tens >>> 0 > 9 || ones >>> 0 > 9 ? -1 : tens * 10 + ones
}

// the date of the last time read and its day number: a file's times fall on few dates, in runs
let lastDateKey = -1
let lastDays = 0

/** parseIsoTimeFast on the UTF-8 bytes[from, to), for readers that never build the string. */
export function parseIsoTimeBytes(bytes: Uint8Array, from: number, to: number): number {
  const length = to - from
  if (length < 20 || bytes[from + 4] !== 45 || bytes[from + 7] !== 45 || bytes[from + 10] !== 84)
    return Number.NaN
  if (bytes[from + 13] !== 58 || bytes[from + 16] !== 58) return Number.NaN
  const century = twoDigits(bytes, from)
  const yearOfCentury = twoDigits(bytes, from + 2)
  const month = twoDigits(bytes, from + 5)
  const day = twoDigits(bytes, from + 8)
  const hour = twoDigits(bytes, from + 11)
  const minute = twoDigits(bytes, from + 14)
  const second = twoDigits(bytes, from + 17)
  if (century < 0 || yearOfCentury < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23)
    return Number.NaN
  if (minute < 0 || minute > 59 || second < 0 || second > 59) return Number.NaN
  let at = from + 19
  let millis = 0
  if (bytes[at] === 46) {
    if (at + 4 > to) return Number.NaN
    const high = bytes[at + 1] - 48
    const low = twoDigits(bytes, at + 2)
    if (high >>> 0 > 9 || low < 0) return Number.NaN
    millis = high * 100 + low
    at += 4
  }
  let offset = 0
  const zone = at < to ? bytes[at] : -1
  if (zone === 90) at += 1
  else if (zone === 43 || zone === 45) {
    if (at + 6 > to) return Number.NaN
    const hours = twoDigits(bytes, at + 1)
    const minutes = twoDigits(bytes, at + 4)
    if (bytes[at + 3] !== 58 || hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return Number.NaN
    offset = (zone === 43 ? 1 : -1) * (hours * 60 + minutes)
    at += 6
  } else return Number.NaN
  if (at !== to) return Number.NaN
  const year = century * 100 + yearOfCentury
  const dateKey = (year * 100 + month) * 100 + day
  if (dateKey !== lastDateKey) {
    if (day > (DAYS_IN_MONTH[month - 1] ?? 0) || (month === 2 && day === 29 && !isLeap(year)))
      return Number.NaN
    lastDays = daysFromCivil(year, month, day)
    lastDateKey = dateKey
  }
  return ((lastDays * 24 + hour) * 60 + minute - offset) * 60_000 + second * 1000 + millis
}
