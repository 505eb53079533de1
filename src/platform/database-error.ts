// Where a database error's SQLSTATE and reason really are: Drizzle wraps the driver's error (its
// message is the failed statement with its parameters), so both sit on a cause, not on the error
// that reaches the caller.

/** The error and the errors it wraps, outermost first (five at most). */
function* wrapped(error: unknown): Generator<Error> {
  let current: unknown = error
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    yield current
    current = current.cause
  }
}

/** The PostgreSQL SQLSTATE of an error or of any error it wraps, or undefined. */
export function databaseErrorCode(error: unknown): string | undefined {
  for (const current of wrapped(error)) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code
  }
  return undefined
}

/** The innermost reason of an error: for a failed query, the database's own message. */
export function databaseErrorReason(error: unknown): string {
  let reason = String(error)
  for (const current of wrapped(error)) reason = current.message
  return reason
}

export const isUniqueViolation = (error: unknown): boolean => databaseErrorCode(error) === '23505'
