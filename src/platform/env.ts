// The only reader of process.env: every setting Credence takes, validated once at start.
import { z } from 'zod'

/** A yes/no setting: `true` or `1` switch it on. */
const flag = z
  .string()
  .optional()
  .transform((v) => v === 'true' || v === '1')

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z.string().url().optional(),
  TEST_DATABASE_URL: z.string().url().optional(),
  /** Which database the DB test suites run on. */
  CREDENCE_TEST_DB: z.enum(['pglite', 'postgres']).default('pglite'),
  CREDENCE_DATA_DIR: z.string().min(1).default('./.credence/data'),
  /** Where uploaded files (ticket attachments) are kept; a `files` folder beside the data by default. */
  CREDENCE_FILES_DIR: z.string().min(1).optional(),
  CREDENCE_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  PUBLIC_URL: z.string().url().optional(),
  /** Behind a load balancer: take the client address from X-Forwarded-For (rate limits need it). */
  TRUST_PROXY: flag,
  /** Sign-in attempts allowed per client address per minute (lockout per email applies besides). */
  SIGN_IN_RATE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(20),
  /** Webhook endpoints may name internal addresses (true for a local trial; the demo allows them). */
  WEBHOOK_ALLOW_PRIVATE_TARGETS: z.enum(['true', 'false']).optional(),
  /** Single sign-on may use an http issuer on 127.0.0.1 or localhost (true for a local trial; the demo allows it). */
  SSO_ALLOW_INSECURE_ISSUERS: z.enum(['true', 'false']).optional(),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default('Credence <no-reply@credence.local>'),
  /** Partner payouts through Stripe Connect transfers; without it only bank files pay. */
  STRIPE_SECRET_KEY: z.string().min(1).optional(),
  /** Another Stripe API address (a local stand-in); https://api.stripe.com by default. */
  STRIPE_API_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
})

export type Env = z.infer<typeof envSchema>

/** Reads and validates the environment; throws a message naming each bad variable. */
export function readEnv(source: Record<string, string | undefined> = process.env): Env {
  // an empty variable (FOO=) means "not set", as in most deployment tools
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''))
  const parsed = envSchema.safeParse(present)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new Error(`Invalid environment:\n${lines.join('\n')}`)
  }
  return parsed.data
}
