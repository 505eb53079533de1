import { AttributionError } from './attribution-error'
import { isPlainObject } from './params'

// A json-logic evaluator for the operator subset rules need. Rules stay plain json-logic data,
// so they can be edited, stored and evaluated by any json-logic implementation.

export type LogicData = unknown

const OPERATORS = new Set([
  'var',
  '==',
  '===',
  '!=',
  '!==',
  '<',
  '<=',
  '>',
  '>=',
  '!',
  '!!',
  'and',
  'or',
  'if',
  '?:',
  'in',
  '+',
  '-',
  '*',
  '/',
  '%',
  'min',
  'max',
  'cat',
  'some',
  'all',
  'none',
])

export function isTruthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0
  return Boolean(value)
}

function looseEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null)
  if (typeof a === 'object' || typeof b === 'object') return false
  return Number(a) === Number(b)
}

function readVar(data: LogicData, path: unknown, fallback: unknown): unknown {
  if (path === undefined || path === null || path === '') return data
  let current: unknown = data
  for (const part of String(path).split('.')) {
    if (Array.isArray(current)) current = current[Number(part)]
    else if (isPlainObject(current)) current = current[part]
    else return fallback
    if (current === undefined) return fallback
  }
  return current ?? fallback
}

/** Throws INVALID_RULE naming the path of the first unknown operator or malformed node. */
export function checkLogic(rule: unknown, path: string): void {
  if (Array.isArray(rule)) {
    rule.forEach((item, index) => {
      checkLogic(item, `${path}[${index}]`)
    })
    return
  }
  if (!isPlainObject(rule)) return
  const keys = Object.keys(rule)
  if (keys.length !== 1)
    throw new AttributionError('INVALID_RULE', 'a logic node has exactly one operator', path)
  const operator = keys[0]
  if (!OPERATORS.has(operator))
    throw new AttributionError('INVALID_RULE', `unknown operator "${operator}"`, path)
  checkLogic(rule[operator], `${path}.${operator}`)
}

function toNumber(value: unknown): number {
  return typeof value === 'number' ? value : Number(value)
}

export function evaluateLogic(rule: unknown, data: LogicData): unknown {
  if (Array.isArray(rule)) return rule.map((item) => evaluateLogic(item, data))
  if (!isPlainObject(rule)) return rule
  const operator = Object.keys(rule)[0]
  const raw = rule[operator]
  const args = Array.isArray(raw) ? raw : [raw]
  const value = (index: number) => evaluateLogic(args[index], data)
  switch (operator) {
    case 'var':
      return readVar(data, value(0), args.length > 1 ? value(1) : null)
    case 'and': {
      let last: unknown = true
      for (const arg of args) {
        last = evaluateLogic(arg, data)
        if (!isTruthy(last)) return last
      }
      return last
    }
    case 'or': {
      let last: unknown = false
      for (const arg of args) {
        last = evaluateLogic(arg, data)
        if (isTruthy(last)) return last
      }
      return last
    }
    case 'if':
    case '?:': {
      let index = 0
      for (; index + 1 < args.length; index += 2) if (isTruthy(value(index))) return value(index + 1)
      return index < args.length ? value(index) : null
    }
    case 'some':
    case 'all':
    case 'none': {
      const items = value(0)
      const list = Array.isArray(items) ? items : []
      const matches = list.map((item) => isTruthy(evaluateLogic(args[1], item)))
      if (operator === 'some') return matches.some(Boolean)
      if (operator === 'none') return !matches.some(Boolean)
      return list.length > 0 && matches.every(Boolean)
    }
    default:
      return applyOperator(
        operator,
        args.map((_, index) => value(index)),
      )
  }
}

function applyOperator(operator: string, values: unknown[]): unknown {
  const [a, b, c] = values
  switch (operator) {
    case '==':
      return looseEquals(a, b)
    case '===':
      return a === b
    case '!=':
      return !looseEquals(a, b)
    case '!==':
      return a !== b
    case '<':
      return values.length === 3
        ? toNumber(a) < toNumber(b) && toNumber(b) < toNumber(c)
        : toNumber(a) < toNumber(b)
    case '<=':
      return values.length === 3
        ? toNumber(a) <= toNumber(b) && toNumber(b) <= toNumber(c)
        : toNumber(a) <= toNumber(b)
    case '>':
      return toNumber(a) > toNumber(b)
    case '>=':
      return toNumber(a) >= toNumber(b)
    case '!':
      return !isTruthy(a)
    case '!!':
      return isTruthy(a)
    case 'in':
      if (Array.isArray(b)) return b.some((item) => item === a)
      return typeof b === 'string' && b.includes(String(a))
    case '+':
      return values.reduce<number>((sum, item) => sum + toNumber(item), 0)
    case '*':
      return values.reduce<number>((product, item) => product * toNumber(item), 1)
    case '-':
      return values.length === 1 ? -toNumber(a) : toNumber(a) - toNumber(b)
    case '/':
      return toNumber(a) / toNumber(b)
    case '%':
      return toNumber(a) % toNumber(b)
    case 'min':
      return Math.min(...values.map(toNumber))
    case 'max':
      return Math.max(...values.map(toNumber))
    case 'cat':
      return values.map((item) => String(item ?? '')).join('')
    default:
      throw new AttributionError('INVALID_RULE', `unknown operator "${operator}"`)
  }
}
