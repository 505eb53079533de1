export type AttributionErrorCode =
  | 'INVALID_PARAMS'
  | 'INVALID_OPTIONS'
  | 'INVALID_JOURNEY'
  | 'INVALID_RULE'
  | 'UNKNOWN_MODEL'
  | 'NOT_LEARNED'
  | 'INVALID_WEIGHTS'

/** Typed error; `path` names the field at fault (`params.halfLifeDays`, `rules[2].minShare`). */
export class AttributionError extends Error {
  readonly code: AttributionErrorCode
  readonly path: string | undefined

  constructor(code: AttributionErrorCode, message: string, path?: string) {
    super(path ? `${path}: ${message}` : message)
    this.name = 'AttributionError'
    this.code = code
    this.path = path
  }
}
