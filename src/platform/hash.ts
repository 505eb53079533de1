// SHA-256 as hex: how tokens and keys are stored, so the database never holds the secret itself.
import { createHash } from 'node:crypto'

export const sha256Hex = (value: string): string => createHash('sha256').update(value).digest('hex')
