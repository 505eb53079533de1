// Shapes shared by every module's contract: problems, pages, money and ids on the wire.
import countries from 'i18n-iso-countries'
import { z } from 'zod'
import { isCurrencyCode } from '../money'

/** RFC 9457 problem details, as every error answers. */
export const problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    code: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem' })
export type Problem = z.infer<typeof problem>

// ── building blocks every contract uses, so bad input is refused at the edge the same way everywhere ──

/** A record id: a prefixed, time-ordered TypeID such as `prt_01h455vb4pex5vsknk084sn02q`. */
export const entityId = z
  .string()
  .regex(/^[a-z]{2,12}_[0-9a-hjkmnp-tv-z]{26}$/, 'must be an id such as prt_01h455vb4pex5vsknk084sn02q')

/** An id in a path: any id-shaped word; one that names nothing answers 404 rather than 400. */
export const idParam = z.object({
  id: z
    .string()
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, 'must be an id such as prt_01h455vb4pex5vsknk084sn02q'),
})

/** A list position handed out by the previous page (opaque; base64url or an id). */
export const cursor = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9_=-]+$/, 'is not a cursor this list gave out')

export const pageQuery = z.object({
  cursor: cursor.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})

/** The sort values a list accepts: each column ascending, or descending with a leading '-'. */
export function sortValues<const K extends string>(keys: readonly K[]): [K | `-${K}`, ...(K | `-${K}`)[]] {
  return keys.flatMap((k) => [k, `-${k}` as const]) as [K | `-${K}`, ...(K | `-${K}`)[]]
}

/** A PATCH body must change something: an empty object is refused rather than answered as a no-op. */
export const patchOf = <T extends z.ZodObject>(schema: T) =>
  schema.refine((value) => Object.values(value).some((v) => v !== undefined), {
    message: 'give at least one field to change',
  })
export type PageQuery = z.infer<typeof pageQuery>

/** A cursor-paginated list: pass `nextCursor` back as `cursor` for the next page. */
export const page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z.string().nullable().describe('Pass back as cursor for the next page; null on the last'),
    total: z.number().int().describe('How many items match the filters, over all pages'),
  })
export type Page<T> = { items: T[]; nextCursor: string | null; total: number }

export const currencyCode = z
  .string()
  .refine(isCurrencyCode, 'must be an active ISO 4217 currency code such as USD')

/** A website or e-mail domain, lower-cased: `example.com`. */
export const domainName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?!-)[a-z0-9-]+(\.[a-z0-9-]+)+$/, 'must be a domain such as example.com')

/** Every ISO 3166-1 alpha-2 country code, sorted: what the API accepts and the country pickers offer. */
export const countryCodes: readonly string[] = Object.keys(countries.getAlpha2Codes()).sort()
const countryCodeSet = new Set(countryCodes)

export const countryCode = z
  .string()
  .refine((code) => countryCodeSet.has(code), 'must be a two-letter ISO 3166 code such as US')

/** Money on the wire: integer minor units as a string (exact), the currency, and the decimal form. */
export const moneyView = z
  .object({
    amountMinor: z.string(),
    currency: z.string(),
    amount: z.string(),
  })
  .meta({ id: 'Money' })
export type MoneyView = z.infer<typeof moneyView>

const earliest = Date.UTC(1900, 0, 1)
const latest = Date.UTC(3000, 0, 1)

/** An ISO-8601 date-time with its offset, between the years 1900 and 2999. */
export const isoDateTime = z.iso.datetime({ offset: true }).refine((value) => {
  const at = Date.parse(value)
  return at >= earliest && at < latest
}, 'must be between the years 1900 and 2999')
export const timestamp = z.string().describe('ISO-8601 date-time')

/** The header every money-creating POST honours. */
export const idempotencyKeyHeader = z.object({
  'idempotency-key': z
    .string()
    .min(8)
    .max(200)
    .regex(/^[\x21-\x7e]+$/, 'must be printable characters without spaces')
    .optional()
    .describe('The same key sent again returns the first answer and creates nothing more'),
})

export const okView = z.object({ ok: z.literal(true) })

/** An outgoing mail as the dev mail view shows it (when no SMTP server is configured). */
export const mailView = z
  .object({
    id: z.string(),
    to: z.string(),
    subject: z.string(),
    text: z.string(),
    status: z.enum(['pending', 'sent', 'failed']),
    createdAt: z.string(),
  })
  .meta({ id: 'Mail' })
export type MailView = z.infer<typeof mailView>
