// Typed errors thrown by services; HTTP maps them to problem+json in one place (http/problem.ts).

export const errorStatus = {
  BAD_REQUEST: 400,
  VALIDATION: 422,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  GONE: 410,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
} as const

export type ErrorCode = keyof typeof errorStatus

export interface FieldError {
  path: string
  message: string
}

export class AppError extends Error {
  readonly code: ErrorCode
  readonly errors: FieldError[]

  constructor(code: ErrorCode, message: string, errors: FieldError[] = []) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.errors = errors
  }

  get status(): number {
    return errorStatus[this.code]
  }
}

export const notFound = (what: string, id: string): AppError =>
  new AppError('NOT_FOUND', `${what} ${id} not found`)

/** A bad field value: answers 422 naming the field. */
export const invalidField = (path: string, message: string): AppError =>
  new AppError('VALIDATION', `${path}: ${message}`, [{ path, message }])
