export type MoneyErrorCode =
  | 'INVALID_AMOUNT'
  | 'TOO_MANY_DECIMALS'
  | 'UNKNOWN_CURRENCY'
  | 'INVALID_WEIGHTS'
  | 'CURRENCY_MISMATCH'
  | 'MISSING_RATE'

/** Typed error so callers can map money failures to messages without parsing text. */
export class MoneyError extends Error {
  readonly code: MoneyErrorCode

  constructor(code: MoneyErrorCode, message: string) {
    super(message)
    this.name = 'MoneyError'
    this.code = code
  }
}
