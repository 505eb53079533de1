// Bad input never answers 5xx. For every operation in the OpenAPI document, malformed variants
// (wrong types, missing and extra fields, huge and empty strings, NUL and lone surrogates, out-of-range
// numbers and dates, bad enums, invalid JSON, a wrong content type, bad cursors and ids) must answer
// 4xx problem+json and write nothing, or succeed. Each module's fixture (`<module>.fixtures.ts`) gives
// a valid call of every route with a path parameter or a body; a route without one fails the test.
import fc from 'fast-check'
import type { LightMyRequestResponse } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { allRoutes, fillPath, seedAll } from './module-fixtures'
import { type Client, createHarness, type Harness } from './test-harness'

interface JsonSchema {
  type?: string | string[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  enum?: unknown[]
  anyOf?: JsonSchema[]
  items?: JsonSchema
  $ref?: string
}

interface Operation {
  method: string
  path: string
  pathParams: string[]
  queryParams: { name: string; schema: JsonSchema }[]
  body: JsonSchema | null
}

interface Probe {
  label: string
  url: string
  payload?: string
  contentType?: string
}

// tables whose rows change on a refused request for good reasons: failed sign-ins are counted
const ignoredTables = new Set(['sign_in_failures', 'sessions'])

const nul = 'a\u0000b'
const loneSurrogate = '\ud800x'
const huge = 'x'.repeat(20_000)
const badDates = ['0000-01-01T00:00:00Z', '275760-09-13T00:00:00Z', '2026-02-30T00:00:00Z', 'yesterday', '']
const badCursors = [
  '!!!',
  Buffer.from('275760-09-13T00:00:00.000Z|prt_x').toString('base64url'),
  Buffer.from('not a date|x').toString('base64url'),
  Buffer.from('2026-01-01T00:00:00.000Z').toString('base64url'),
  'a'.repeat(300),
]
const badScalars: unknown[] = [
  null,
  0,
  -1,
  1e300,
  Number.MAX_SAFE_INTEGER * 4,
  1.5,
  true,
  '',
  ' ',
  nul,
  loneSurrogate,
  huge,
  [],
  {},
  ['x'],
  { nested: { deep: [1, 2, 3] } },
  'ZZZ',
  'prt_',
  ...badDates,
]

function describeOperations(doc: {
  paths: Record<string, Record<string, Record<string, unknown>>>
  components?: { schemas?: Record<string, JsonSchema> }
}): Operation[] {
  // named shapes are components the operations refer to: read through the reference
  const resolve = (schema: (JsonSchema & { $ref?: string }) | undefined): JsonSchema | undefined =>
    schema?.$ref ? doc.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')] : schema
  // a list body (a provider's batch of events) is probed through its first item
  const listOf = (schema: JsonSchema | undefined) =>
    schema?.type === 'array' ? { ...schema, items: resolve(schema.items) } : schema
  const operations: Operation[] = []
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const parameters = (op.parameters ?? []) as { in: string; name: string; schema: JsonSchema }[]
      const body = (op.requestBody as { content?: Record<string, { schema: JsonSchema }> } | undefined)
        ?.content?.['application/json']?.schema
      operations.push({
        method: method.toUpperCase(),
        path,
        pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        queryParams: parameters
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, schema: p.schema })),
        body: listOf(resolve(body)) ?? null,
      })
    }
  }
  return operations
}

const asJson = (value: unknown) => JSON.stringify(value)
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Malformed variants of one operation around a valid request. */
function probesFor(op: Operation, pathValues: Record<string, string>, validBody: unknown): Probe[] {
  const probes: Probe[] = []
  const url = fillPath(op.path, pathValues)
  const isList = op.body?.type === 'array'
  // a list body's variants change its first item and keep the rest
  const withBody = (label: string, body: unknown): Probe => ({
    label,
    url,
    payload: asJson(isList && isRecord(body) ? [body, ...(validBody as unknown[]).slice(1)] : body),
  })
  const baseBody = ((isList ? (validBody as unknown[])[0] : validBody) ?? {}) as Record<string, unknown>
  const shape = isList ? op.body?.items : op.body

  for (const name of op.pathParams) {
    for (const [label, value] of [
      ['empty', ''],
      ['NUL', '%00'],
      ['lone surrogate (bad UTF-8)', '%ED%A0%80'],
      ['broken escape', '%E0%A4%A'],
      ['huge', 'x'.repeat(3000)],
      ['dots', '..%2F..'],
      ['emoji', '%F0%9F%92%A9'],
      ['unknown id', 'prt_01h455vb4pex5vsknk084sn02q'],
    ] as const) {
      const u = fillPath(op.path, { ...pathValues, [name]: value })
      probes.push({
        label: `path ${name}: ${label}`,
        url: u,
        ...(op.body ? { payload: asJson(baseBody) } : {}),
      })
    }
  }

  for (const { name, schema } of op.queryParams) {
    const values = [
      '%00',
      'a%00b',
      '%ED%A0%80',
      encodeURIComponent(huge),
      '-1',
      '1e309',
      'NaN',
      'zzz',
      '',
      ...(name === 'cursor' ? badCursors : []),
      ...(schema.enum ? ['not-an-enum'] : []),
    ]
    for (const value of values)
      probes.push({ label: `query ${name}=${value.slice(0, 30)}`, url: `${url}?${name}=${value}` })
    probes.push({ label: `query ${name} twice`, url: `${url}?${name}=a&${name}=b` })
  }
  probes.push({ label: 'unknown query parameter with NUL', url: `${url}?unexpected=%00` })

  if (op.body) {
    const properties = Object.keys(shape?.properties ?? {})
    for (const name of properties) {
      for (const value of badScalars)
        withBodyPush(`body ${name}=${String(asJson(value)).slice(0, 30)}`, { ...baseBody, [name]: value })
      const random = fc.sample(fc.jsonValue(), { seed: name.length * 7919 + properties.length, numRuns: 6 })
      for (const value of random) withBodyPush(`body ${name} random`, { ...baseBody, [name]: value })
    }
    for (const name of shape?.required ?? []) {
      const { [name]: _dropped, ...rest } = baseBody
      withBodyPush(`body without ${name}`, rest)
    }
    withBodyPush('body with an extra field', { ...baseBody, unexpected: nul })
    withBodyPush('body with a NUL key', { ...baseBody, [nul]: 1 })
    for (const whole of [null, [], 'text', 42, true, {}]) withBodyPush(`body ${asJson(whole)}`, whole)
    probes.push({
      label: 'lone surrogate escape in JSON',
      url,
      payload: `{"name":"\\ud800","amount":"\\udfff"}`,
    })
    probes.push({ label: 'invalid JSON', url, payload: '{"name": "x",' })
    probes.push({ label: 'empty body', url, payload: '' })
    probes.push({ label: 'wrong content type', url, payload: 'name=x', contentType: 'text/plain' })
    probes.push({
      label: 'form content type',
      url,
      payload: 'name=x',
      contentType: 'application/x-www-form-urlencoded',
    })
    let deep: unknown = 'x'
    for (let i = 0; i < 200; i++) deep = { a: deep }
    withBodyPush('deeply nested body', { ...baseBody, deep })
  }
  return probes

  function withBodyPush(label: string, body: unknown) {
    probes.push(withBody(label, body))
  }
}

function problemOk(res: LightMyRequestResponse): string | null {
  if (!String(res.headers['content-type'] ?? '').includes('application/problem+json'))
    return `content-type ${res.headers['content-type']}`
  try {
    const body = res.json()
    if (body.status !== res.statusCode) return `problem status ${body.status} on a ${res.statusCode}`
    if (typeof body.title !== 'string' || typeof body.detail !== 'string')
      return 'problem without title or detail'
  } catch {
    return 'body is not JSON'
  }
  return null
}

describe('OpenAPI-driven fuzzing', () => {
  let h: Harness
  let owner: Client
  let anonymous: Client
  let fingerprintSql: string
  const ids: Record<string, string> = {}

  beforeAll(async () => {
    h = await createHarness()
    const orgId = await h.createOrg('fuzz')
    owner = await h.signIn(orgId, 'owner')
    anonymous = h.anonymous()
    Object.assign(ids, await seedAll(owner))
    const { rows } = await h.testDb.database.query<{ table_name: string }>(
      "select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1",
    )
    fingerprintSql = `select ${rows
      .map((r) => r.table_name)
      .filter((t) => !ignoredTables.has(t))
      .map((t) => `(select count(*) from "${t}")::text`)
      .join(` || ',' || `)} as f`
  })
  afterAll(async () => h?.close())

  it('answers every malformed request to every operation with 4xx problem+json and writes nothing', async () => {
    const doc = (await owner.get('/api/v1/openapi.json')).json()
    const operations = describeOperations(doc)
    const calls = allRoutes(ids)
    const uncovered = operations.flatMap((op) => {
      const key = `${op.method} ${op.path}`
      const missing: string[] = []
      if ((op.pathParams.length > 0 || op.body) && !calls[key])
        missing.push(`${key}: add a valid call to its module's fixture`)
      const shape = op.body?.type === 'array' ? op.body.items : op.body
      if (op.body && Object.keys(shape?.properties ?? {}).length === 0)
        missing.push(`${key}: its body schema has no readable properties to mutate`)
      return missing
    })
    expect(uncovered, 'routes the module fixtures do not cover').toEqual([])

    const { database } = h.testDb
    // any write takes a transaction id: while the next one to be handed out stays the same, nothing was
    // written, and the row counts of every table are read again only once it moved
    const nextXid = async () =>
      (await database.query<{ x: string }>('select pg_snapshot_xmax(pg_current_snapshot())::text as x'))
        .rows[0]!.x
    const counts = async () => (await database.query<{ f: string }>(fingerprintSql)).rows[0]!.f
    const fingerprint = async (known?: { xid: string; counts: string }) => {
      const xid = await nextXid()
      return known?.xid === xid ? known : { xid, counts: await counts() }
    }
    const failures: string[] = []
    let requests = 0
    let before = await fingerprint()
    for (const op of operations) {
      const key = `${op.method} ${op.path}`
      // signing out would end the session the other probes use
      const client = op.path === '/api/v1/auth/logout' ? anonymous : owner
      for (const probe of probesFor(op, calls[key]?.params ?? {}, calls[key]?.body)) {
        requests++
        const res = await client.request(
          op.method as 'GET',
          probe.url,
          probe.payload === undefined ? undefined : probe.payload,
          probe.payload === undefined ? {} : { 'content-type': probe.contentType ?? 'application/json' },
        )
        const after = await fingerprint(before)
        const where = `${key} [${probe.label}] → ${res.statusCode}`
        if (res.statusCode >= 500) failures.push(`${where}: ${res.body.slice(0, 200)}`)
        else if (res.statusCode >= 400) {
          const problem = problemOk(res)
          if (problem) failures.push(`${where}: ${problem}`)
          if (after.counts !== before.counts) failures.push(`${where}: a refused request wrote rows`)
        }
        before = after
      }
    }
    console.log(`fuzz: ${operations.length} operations, ${requests} requests, ${failures.length} failures`)
    expect(failures).toEqual([])
  }, 600_000)
})
