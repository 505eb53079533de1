// SHA-256 as hex: how tokens and keys are stored, so the database never holds the secret itself;
// and constant-time comparison of secrets.
import { createHash, timingSafeEqual } from 'node:crypto'

export const sha256Hex = (value: string): string => createHash('sha256').update(value).digest('hex')

/**
 * Compares two secrets in constant time. Both sides are hashed first, so inputs of any length or
 * encoding compare as equal-length digests instead of throwing.
 */
export const secretsEqual = (given: string, expected: string): boolean =>
  timingSafeEqual(createHash('sha256').update(given).digest(), createHash('sha256').update(expected).digest())
