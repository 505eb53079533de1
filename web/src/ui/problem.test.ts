import { describe, expect, it } from 'vitest'
import { ApiError } from './api-client'
import { fieldsNamed, splitProblem } from './problem'

const problem = (errors: { path: string; message: string }[]) =>
  new ApiError({ type: 'about:blank', title: 'Invalid input', status: 400, errors })

describe('splitProblem', () => {
  it('puts each error on the input it names and keeps the first message per input', () => {
    const error = problem([
      { path: 'email', message: 'must be an email' },
      { path: 'email', message: 'is too long' },
      { path: 'contacts.0.name', message: 'is required' },
    ])
    const resolve = (path: string) => (path === 'email' || path.startsWith('contacts.') ? path : null)
    expect(splitProblem(error, resolve)).toEqual({
      fields: { email: 'must be an email', 'contacts.0.name': 'is required' },
      elsewhere: [],
    })
  })

  it('keeps errors without an input, with their path, for a notification', () => {
    const error = problem([
      { path: 'name', message: 'is required' },
      { path: 'source', message: 'is required with externalId' },
      { path: '', message: 'nothing to change' },
    ])
    expect(splitProblem(error, fieldsNamed('name'))).toEqual({
      fields: { name: 'is required' },
      elsewhere: ['source: is required with externalId', 'nothing to change'],
    })
  })

  it('has no field errors for a failure that is not problem+json', () => {
    expect(splitProblem(new Error('offline'), fieldsNamed('name'))).toEqual({ fields: {}, elsewhere: [] })
  })
})
