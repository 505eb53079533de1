// Logs never hold secrets: passwords, password hashes, tokens, key secrets, cookies and the parameters
// of a failed SQL statement (which can carry any of those) are removed before a line is written.
import type { FastifyServerOptions } from 'fastify'

export interface LogStream {
  write(line: string): void
}

const secretKeys = ['password', 'passwordHash', 'token', 'secret', 'csrfToken', 'keyHash', 'tokenHash']

const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  ...secretKeys.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]),
]

interface LoggedError {
  [key: string]: unknown
  type: string
  message: string
  stack: string
}

// Drizzle puts the parameters in the message: "Failed query: …\nparams: …"
const dropParameters = (text: string) =>
  text.replace(/\nparams:[\s\S]*?(?=\n\s+at |$)/, '\nparams: [redacted]')

/** An error without a failed statement's parameters; the SQL text and the error code stay. */
function withoutParameters(value: Error, depth = 0): LoggedError {
  const plain: LoggedError = {
    type: value.name,
    message: dropParameters(value.message),
    stack: dropParameters(value.stack ?? ''),
  }
  for (const key of ['code', 'statusCode', 'validationContext', 'query', 'routine', 'constraint']) {
    const field = (value as unknown as Record<string, unknown>)[key]
    if (field !== undefined) plain[key] = field
  }
  if (value.cause instanceof Error && depth < 3) plain.cause = withoutParameters(value.cause, depth + 1)
  return plain
}

export function loggerOptions(level: string, stream?: LogStream): FastifyServerOptions['logger'] {
  return {
    level,
    redact: { paths: redactPaths, censor: '[redacted]' },
    serializers: { err: (error) => withoutParameters(error) },
    ...(stream ? { stream } : {}),
  }
}
