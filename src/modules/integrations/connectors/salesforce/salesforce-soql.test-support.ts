// The SOQL a local Salesforce answers: SELECT fields (relationship paths such as Owner.Email or
// Contact.Account.Name) FROM one object, WHERE comparisons joined by AND and OR (AND binding tighter,
// no parentheses) with =, !=, <, <=, >, >= and IN, ORDER BY fields, and LIMIT — the forms the
// connector sends, parsed the way Salesforce's reference describes their literals.

export type SoqlValue = string | number | boolean | null

export interface Comparison {
  field: string
  op: '=' | '!=' | '<' | '<=' | '>' | '>=' | 'IN'
  value: SoqlValue | SoqlValue[]
}

export interface SoqlQuery {
  fields: string[]
  object: string
  /** Any group may hold; every comparison of a group must. */
  where: Comparison[][]
  orderBy: { field: string; descending: boolean }[]
  limit: number | null
}

const tokenPattern = /\s*('(?:[^'\\]|\\.)*'|[(),]|!=|<=|>=|[=<>]|[A-Za-z0-9_.:+-]+)/y

function tokenize(soql: string): string[] {
  const tokens: string[] = []
  tokenPattern.lastIndex = 0
  for (;;) {
    const at = tokenPattern.lastIndex
    if (soql.slice(at).trim() === '') return tokens
    const match = tokenPattern.exec(soql)
    if (!match) throw new Error(`unexpected token at ${at}: ${soql.slice(at, at + 20)}`)
    tokens.push(match[1]!)
  }
}

function literal(token: string): SoqlValue {
  if (token.startsWith("'")) return token.slice(1, -1).replace(/\\(.)/g, '$1')
  if (/^(true|false)$/i.test(token)) return token.toLowerCase() === 'true'
  if (/^null$/i.test(token)) return null
  if (/^-?\d+(\.\d+)?$/.test(token)) return Number(token)
  // a date or date-time literal
  if (/^\d{4}-\d{2}-\d{2}/.test(token)) return token
  throw new Error(`unexpected value ${token}`)
}

export function parseSoql(soql: string): SoqlQuery {
  const tokens = tokenize(soql)
  let i = 0
  const peek = () => tokens[i]?.toUpperCase()
  const take = (expected?: string) => {
    const token = tokens[i++]
    if (token === undefined || (expected && token.toUpperCase() !== expected))
      throw new Error(`expected ${expected ?? 'more'} at token ${i}`)
    return token
  }
  take('SELECT')
  const fields: string[] = []
  do fields.push(take())
  while (peek() === ',' && take(','))
  take('FROM')
  const object = take()
  const where: Comparison[][] = []
  if (peek() === 'WHERE') {
    take()
    let group: Comparison[] = []
    for (;;) {
      const field = take()
      const op = take().toUpperCase() as Comparison['op']
      let value: SoqlValue | SoqlValue[]
      if (op === 'IN') {
        take('(')
        value = []
        do value.push(literal(take()))
        while (peek() === ',' && take(','))
        take(')')
      } else value = literal(take())
      group.push({ field, op, value })
      if (peek() === 'AND') take()
      else if (peek() === 'OR') {
        take()
        where.push(group)
        group = []
      } else break
    }
    where.push(group)
  }
  const orderBy: SoqlQuery['orderBy'] = []
  if (peek() === 'ORDER') {
    take()
    take('BY')
    do {
      const field = take()
      const direction = peek()
      if (direction === 'ASC' || direction === 'DESC') take()
      orderBy.push({ field, descending: direction === 'DESC' })
    } while (peek() === ',' && take(','))
  }
  let limit: number | null = null
  if (peek() === 'LIMIT') {
    take()
    limit = Number(take())
  }
  if (i < tokens.length) throw new Error(`unexpected ${tokens[i]}`)
  return { fields, object, where, orderBy, limit }
}

const isDateTime = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(v)

/** Orders two field values the way SOQL does: date-times by time, nulls first. */
export function compareValues(a: SoqlValue, b: SoqlValue): number {
  if (a === b) return 0
  if (a === null) return -1
  if (b === null) return 1
  if (isDateTime(a) && isDateTime(b)) return Date.parse(toIso(a)) - Date.parse(toIso(b))
  if (typeof a === 'number' && typeof b === 'number') return a - b
  return String(a) < String(b) ? -1 : 1
}

/** Salesforce writes offsets without a colon (+0000); JavaScript's parser wants one. */
const toIso = (v: string) => v.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')

export function matches(value: (field: string) => SoqlValue, where: Comparison[][]): boolean {
  if (where.length === 0) return true
  return where.some((group) =>
    group.every((c) => {
      const actual = value(c.field)
      if (c.op === 'IN') return (c.value as SoqlValue[]).some((v) => compareValues(actual, v) === 0)
      const order = compareValues(actual, c.value as SoqlValue)
      if (c.op === '=') return order === 0
      if (c.op === '!=') return order !== 0
      if (actual === null || c.value === null) return false
      if (c.op === '<') return order < 0
      if (c.op === '<=') return order <= 0
      if (c.op === '>') return order > 0
      return order >= 0
    }),
  )
}
