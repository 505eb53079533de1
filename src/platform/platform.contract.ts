// Shapes shared by every module's contract: problems, pages, money and ids on the wire.
import countries from 'i18n-iso-countries'
import { z } from 'zod'

/** RFC 9457 problem details, as every error answers. */
export const problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  code: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
})
export type Problem = z.infer<typeof problem>

export const idParam = z.object({ id: z.string().min(1).max(64) })

export const pageQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
})
export type PageQuery = z.infer<typeof pageQuery>

/** A cursor-paginated list: pass `nextCursor` back as `cursor` for the next page. */
export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() })
export type Page<T> = { items: T[]; nextCursor: string | null }

export const currencyCode = z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code such as USD')

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
export const moneyView = z.object({
  amountMinor: z.string(),
  currency: z.string(),
  amount: z.string(),
})
export type MoneyView = z.infer<typeof moneyView>

export const isoDateTime = z.iso.datetime({ offset: true })
export const timestamp = z.string().describe('ISO-8601 date-time')

export const okView = z.object({ ok: z.literal(true) })

/** An outgoing mail as the dev mail view shows it (when no SMTP server is configured). */
export const mailView = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  status: z.enum(['pending', 'sent', 'failed']),
  createdAt: z.string(),
})
export type MailView = z.infer<typeof mailView>
