// Text the database cannot store is refused at the edge, for every route: a NUL character (PostgreSQL
// text cannot hold it) or a lone UTF-16 surrogate (not valid Unicode) anywhere in the body, the query
// or the path answers 400 naming the field.
import { Readable } from 'node:stream'
import type { FastifyRequest } from 'fastify'
import { AppError } from '../platform/app-error'

const MAX_DEPTH = 64
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

function findBadText(value: unknown, path: string, depth: number): { path: string; message: string } | null {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) return { path, message: 'must not contain a NUL character' }
    if (loneSurrogate.test(value))
      return { path, message: 'must be valid Unicode (a lone surrogate was sent)' }
    return null
  }
  if (value === null || typeof value !== 'object') return null
  if (depth > MAX_DEPTH) return { path, message: 'is nested too deeply' }
  for (const [key, child] of Object.entries(value)) {
    const childPath = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key
    const keyProblem = findBadText(key, childPath, depth + 1)
    if (keyProblem) return keyProblem
    const problem = findBadText(child, childPath, depth + 1)
    if (problem) return problem
  }
  return null
}

export async function refuseUnstorableText(req: FastifyRequest): Promise<void> {
  // a streamed body (a CSV file) is checked by the route that reads it, line by line
  const body = req.body instanceof Readable ? null : req.body
  const problem =
    findBadText(req.params, 'params', 0) ?? findBadText(req.query, 'query', 0) ?? findBadText(body, '', 0)
  if (problem) {
    const path = problem.path || '(root)'
    throw new AppError('BAD_REQUEST', `${path}: ${problem.message}`, [{ path, message: problem.message }])
  }
}
