// Every error becomes RFC 9457 problem+json here, in one place: clear, field-named, never a stack trace.

import type { Duplex } from 'node:stream'
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify'
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod'
import { AppError, type FieldError } from '../platform/app-error'
import { databaseErrorCode } from '../platform/database-error'
import type { Problem } from '../platform/platform.contract'

const titles: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthenticated',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  410: 'Gone',
  408: 'Request timeout',
  413: 'Payload too large',
  414: 'URI too long',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  431: 'Request header fields too large',
  500: 'Internal server error',
}

export function problemOf(status: number, detail: string, extra: Partial<Problem> = {}): Problem {
  return {
    type: `https://credence.dev/problems/${status}`,
    title: titles[status] ?? 'Error',
    status,
    detail,
    ...extra,
  }
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type('application/problem+json').send(problem)
}

const contextPrefix: Record<string, string> = {
  body: '',
  querystring: 'query.',
  params: 'params.',
  headers: 'headers.',
}

// Postgres error codes that mean the input, not the server, was wrong
const pgInputErrors: Record<string, { status: number; detail: string }> = {
  '23505': { status: 409, detail: 'A record with the same unique value already exists' },
  '23503': { status: 422, detail: 'A referenced record does not exist' },
  '22P02': { status: 400, detail: 'A value has the wrong format' },
  '22003': { status: 422, detail: 'A number is out of range' },
  '22001': { status: 422, detail: 'A value is too long' },
}

export function errorHandler(error: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (error instanceof AppError) {
    return sendProblem(
      reply,
      problemOf(error.status, error.message, {
        code: error.code,
        ...(error.errors.length ? { errors: error.errors } : {}),
      }),
    )
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const prefix = contextPrefix[error.validationContext ?? 'body'] ?? ''
    const errors: FieldError[] = error.validation.map((v) => ({
      path:
        `${prefix}${v.instancePath.replace(/^\//, '').replaceAll('/', '.')}`.replace(/\.$/, '') || '(root)',
      message: v.message ?? 'is not valid',
    }))
    const detail = errors.map((e) => `${e.path}: ${e.message}`).join('; ')
    return sendProblem(reply, problemOf(400, detail, { code: 'VALIDATION', errors }))
  }
  if (isResponseSerializationError(error)) {
    req.log.error({ err: error, issues: error.cause.issues }, 'response did not match its schema')
    return sendProblem(reply, problemOf(500, 'The server produced an invalid response; it has been logged'))
  }
  const pg = pgInputErrors[databaseErrorCode(error) ?? '']
  if (pg) return sendProblem(reply, problemOf(pg.status, pg.detail, { code: 'CONFLICT' }))
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    const detail =
      error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError
        ? 'The request body is not valid JSON'
        : error.message
    return sendProblem(reply, problemOf(error.statusCode, detail, { code: error.code }))
  }
  req.log.error({ err: error }, 'unhandled error')
  return sendProblem(reply, problemOf(500, 'Something went wrong on our side; it has been logged'))
}

/** Errors the router raises before a route runs (a malformed or over-long path): problem+json too. */
export function routerErrorHandler(error: FastifyError, _req: FastifyRequest, reply: FastifyReply) {
  const status = error.statusCode === 414 ? 414 : 400
  const detail = status === 414 ? 'A path segment is too long' : 'The URL is not valid (bad percent-encoding)'
  return sendProblem(reply, problemOf(status, detail, { code: error.code }))
}

/**
 * Errors Node's HTTP parser raises before Fastify sees a request (headers too large, a malformed
 * request line, a timeout): written straight to the socket, still as problem+json.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Duplex) {
  if (error.code === 'ECONNRESET' || socket.destroyed || !socket.writable) return
  const status =
    error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400
  const detail =
    status === 431
      ? 'The request headers are too large'
      : status === 408
        ? 'The request took too long to arrive'
        : 'The request is not valid HTTP'
  const body = JSON.stringify(problemOf(status, detail))
  socket.end(
    `HTTP/1.1 ${status} ${titles[status]}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  )
}
