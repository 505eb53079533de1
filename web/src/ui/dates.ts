// Dates and times in the viewer's locale and time zone.
import { viewerLocale } from './money'

const dateFormat = () => new Intl.DateTimeFormat(viewerLocale(), { dateStyle: 'medium' })
const dateTimeFormat = () =>
  new Intl.DateTimeFormat(viewerLocale(), { dateStyle: 'medium', timeStyle: 'short' })

const parse = (iso: string | null | undefined): Date | null => {
  if (!iso) return null
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? null : date
}

export const formatDate = (iso: string | null | undefined, empty = '—'): string => {
  const date = parse(iso)
  return date ? dateFormat().format(date) : empty
}

export const formatDateTime = (iso: string | null | undefined, empty = '—'): string => {
  const date = parse(iso)
  return date ? dateTimeFormat().format(date) : empty
}

/** The value a `datetime-local` input shows for a moment, in the viewer's time zone. */
export function toLocalInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`
}

/** A `datetime-local` value as ISO-8601 with the viewer's offset, e.g. 2025-03-04T10:30:00+01:00. */
export function localInputToIso(value: string): string | null {
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return null
  const offset = -date.getTimezoneOffset()
  const sign = offset >= 0 ? '+' : '-'
  const pad = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, '0')
  const local = `${toLocalInputValue(date)}:${pad(date.getSeconds())}`
  return `${local}${sign}${pad(offset / 60)}:${pad(offset % 60)}`
}
