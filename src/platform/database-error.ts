// Where a database error's SQLSTATE really is: Drizzle wraps the driver's error, so the code sits on
// a cause, not on the error that reaches the caller.

/** The PostgreSQL SQLSTATE of an error or of any error it wraps, or undefined. */
export function databaseErrorCode(error: unknown): string | undefined {
  let current: unknown = error
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code
    current = current.cause
  }
  return undefined
}

export const isUniqueViolation = (error: unknown): boolean => databaseErrorCode(error) === '23505'
