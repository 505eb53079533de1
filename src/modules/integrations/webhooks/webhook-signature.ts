// The Credence-Signature header, pure: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`, one
// v1 per secret in force (two while a rotated-out secret lasts). A receiver recomputes the HMAC with
// its secret, compares in constant time, and refuses a timestamp older than its tolerance.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

export const signatureHeader = 'credence-signature'
export const defaultToleranceSeconds = 300

/** A new signing secret: `whsec_` and 32 random bytes. */
export const newSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`

const hmac = (secret: string, timestamp: number, body: string) =>
  createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')

/** The header value for this body, signed at `timestamp` with each secret. */
export function signBody(body: string, secrets: readonly string[], timestamp: number): string {
  return [`t=${timestamp}`, ...secrets.map((secret) => `v1=${hmac(secret, timestamp, body)}`)].join(',')
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string }

/** Whether the header signs this body with the secret, within the tolerance of `now` (unix seconds). */
export function verifySignature(
  body: string,
  header: string | null | undefined,
  secret: string,
  now: number,
  toleranceSeconds = defaultToleranceSeconds,
): SignatureCheck {
  if (!header) return { ok: false, reason: 'no signature header' }
  const parts = header.split(',').map((part) => part.trim().split('=') as [string, string?])
  const t = Number(parts.find(([key]) => key === 't')?.[1])
  if (!Number.isInteger(t)) return { ok: false, reason: 'no timestamp in the signature' }
  if (Math.abs(now - t) > toleranceSeconds)
    return { ok: false, reason: 'the timestamp is too old or too new' }
  const expected = Buffer.from(hmac(secret, t, body), 'hex')
  const matches = parts
    .filter(([key, value]) => key === 'v1' && value && /^[0-9a-f]{64}$/.test(value))
    .some(([, value]) => timingSafeEqual(Buffer.from(value!, 'hex'), expected))
  return matches ? { ok: true } : { ok: false, reason: 'no signature matches' }
}
