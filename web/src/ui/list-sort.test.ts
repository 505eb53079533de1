import { describe, expect, it } from 'vitest'
import { nextSort, parseSort, readSort } from './list-sort'

describe('readSort', () => {
  it('reads a leading minus as descending', () => {
    expect(readSort('-createdAt')).toEqual({ column: 'createdAt', direction: 'descending' })
    expect(readSort('name')).toEqual({ column: 'name', direction: 'ascending' })
  })
})

describe('nextSort', () => {
  it.each([
    ['-createdAt', 'name', 'ascending', 'name'],
    ['name', 'name', 'ascending', '-name'],
    ['-name', 'name', 'ascending', 'name'],
    ['name', 'amount', 'descending', '-amount'],
    ['-amount', 'amount', 'descending', 'amount'],
  ] as const)('from %s, a click on %s (first %s) sorts by %s', (current, column, first, next) => {
    expect(nextSort(current, column, first)).toBe(next)
  })
})

describe('parseSort', () => {
  const offered = ['name', '-name', 'createdAt', '-createdAt'] as const
  it('keeps an offered sort and drops anything else', () => {
    expect(parseSort(offered, '-name')).toBe('-name')
    expect(parseSort(offered, 'password')).toBeUndefined()
    expect(parseSort(offered, 42)).toBeUndefined()
  })
})
