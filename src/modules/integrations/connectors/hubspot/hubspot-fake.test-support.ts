// A local HubSpot for tests and benchmarks, written from HubSpot's published CRM v3/v4 reference: the
// shapes the client library reads (objects with properties and associations, `paging.next.after`),
// search by last-modified date with HubSpot's 10,000-result window, archived records, deal pipelines,
// owners, OAuth refresh, and the failures a connector must survive — 429 with HubSpot's policy body,
// 401 for an expired token, and records with bad values.
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface FakeRecord {
  id: string
  properties: Record<string, string | null>
  createdAt: Date
  updatedAt: Date
  archived: boolean
  archivedAt: Date | null
  /** Associated ids by object type (companies, deals). */
  associations: Record<string, string[]>
}

export interface FakeOwner {
  id: string
  email: string
  firstName: string
  lastName: string
}

export class HubSpotFake {
  readonly objects = new Map<string, Map<string, FakeRecord>>()
  readonly owners: FakeOwner[] = []
  readonly pipelines = [
    {
      id: 'default',
      label: 'Sales Pipeline',
      displayOrder: 0,
      stages: [
        {
          id: 'appointmentscheduled',
          label: 'Appointment Scheduled',
          metadata: { isClosed: 'false', probability: '0.2' },
        },
        { id: 'contractsent', label: 'Contract Sent', metadata: { isClosed: 'false', probability: '0.9' } },
        { id: 'closedwon', label: 'Closed Won', metadata: { isClosed: 'true', probability: '1.0' } },
        { id: 'closedlost', label: 'Closed Lost', metadata: { isClosed: 'true', probability: '0.0' } },
      ].map((s, i) => ({ ...s, displayOrder: i })),
    },
  ]
  /** Access tokens accepted; an OAuth refresh token yields a new one. */
  readonly accessTokens = new Set<string>()
  readonly refreshTokens = new Map<string, { clientId: string; clientSecret: string }>()
  /** Requests answered, by path (without the query). */
  readonly requests: string[] = []
  /** The most records a page holds (HubSpot's are 100 listed, 200 searched): lower it to test paging. */
  pageCap = Number.POSITIVE_INFINITY
  /** How far one search may page (HubSpot stops at 10,000 results). */
  searchWindow = 10_000
  /** The next N requests are refused with 429 (HubSpot's ten-secondly policy). */
  rateLimitNext = 0
  /** Each 429 says to wait this many seconds. */
  retryAfterSeconds = 1
  private readonly ordered = new Map<string, FakeRecord[]>()
  /** Types whose records are made on request (a large portal for benchmarks): how many, and record i. */
  private readonly generated = new Map<string, { count: number; make: (i: number) => FakeRecord }>()
  private readonly archivedCount = new Map<string, number>()
  private server: Server | null = null
  private nextId = 1000
  /** HubSpot's clock: each write is stamped at least a millisecond after the last. */
  now: () => Date = () => new Date()
  private last = 0

  constructor(token = 'pat-fake-token') {
    this.accessTokens.add(token)
  }

  /** A later moment each call, so every write has its own last-modified time. */
  tick(): Date {
    this.last = Math.max(this.now().getTime(), this.last + 1)
    return new Date(this.last)
  }

  add(type: string, properties: Record<string, string | null>, associations: Record<string, string[]> = {}) {
    const at = this.tick()
    const id = String(this.nextId++)
    const record: FakeRecord = {
      id,
      properties: { ...properties, hs_object_id: id, createdate: properties.createdate ?? at.toISOString() },
      createdAt: at,
      updatedAt: at,
      archived: false,
      archivedAt: null,
      associations,
    }
    record.properties.hs_lastmodifieddate = at.toISOString()
    this.table(type).set(id, record)
    const ordered = this.ordered.get(type) ?? []
    this.ordered.set(type, ordered)
    ordered.push(record)
    return record
  }

  update(type: string, id: string, properties: Record<string, string | null>) {
    const record = this.get(type, id)
    const at = this.tick()
    Object.assign(record.properties, properties, { hs_lastmodifieddate: at.toISOString() })
    record.updatedAt = at
    return record
  }

  archive(type: string, id: string) {
    const record = this.get(type, id)
    record.archived = true
    record.archivedAt = this.tick()
    this.archivedCount.set(type, (this.archivedCount.get(type) ?? 0) + 1)
    return record
  }

  addOwner(email: string, firstName: string, lastName: string): FakeOwner {
    const owner = { id: String(this.nextId++), email, firstName, lastName }
    this.owners.push(owner)
    return owner
  }

  /** An OAuth app install: a refresh token, and an access token that has already expired. */
  oauthInstall(clientId: string, clientSecret: string): { refreshToken: string; accessToken: string } {
    const refreshToken = `refresh-${randomBytes(8).toString('hex')}`
    this.refreshTokens.set(refreshToken, { clientId, clientSecret })
    return { refreshToken, accessToken: 'expired-access-token' }
  }

  /**
   * A large portal without holding it: record i of `count` is made when a page asks for it, last
   * modified at `at` (before any sync). A record changed later is kept, and searches find it.
   */
  generate(
    type: string,
    count: number,
    at: Date,
    make: (i: number) => {
      id: string
      properties: Record<string, string | null>
      associations?: Record<string, string[]>
    },
  ): void {
    this.generated.set(type, {
      count,
      make: (i) => {
        const made = make(i)
        return {
          id: made.id,
          properties: {
            ...made.properties,
            hs_object_id: made.id,
            createdate: made.properties.createdate ?? at.toISOString(),
            hs_lastmodifieddate: at.toISOString(),
          },
          createdAt: at,
          updatedAt: at,
          archived: false,
          archivedAt: null,
          associations: made.associations ?? {},
        }
      },
    })
  }

  get(type: string, id: string): FakeRecord {
    const record = this.table(type).get(id)
    if (!record) throw new Error(`no ${type} ${id}`)
    return record
  }

  /** A generated record, taken into the table so that it can be changed. */
  take(type: string, i: number): FakeRecord {
    const record = this.generated.get(type)!.make(i)
    const kept = this.table(type).get(record.id)
    if (kept) return kept
    this.table(type).set(record.id, record)
    return record
  }

  table(type: string): Map<string, FakeRecord> {
    const table = this.objects.get(type) ?? new Map<string, FakeRecord>()
    this.objects.set(type, table)
    return table
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error) => send(res, 500, { status: 'error', message: String(error) }))
    })
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve))
    // a fake left running by a suite never keeps the test process alive
    this.server.unref()
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve())
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake')
    this.requests.push(`${req.method} ${url.pathname}`)
    const body = await readBody(req)
    if (req.method === 'POST' && url.pathname === '/oauth/v1/token') return this.token(res, body)
    if (this.rateLimitNext > 0) {
      this.rateLimitNext--
      res.setHeader('retry-after', String(this.retryAfterSeconds))
      return send(res, 429, {
        status: 'error',
        message: 'You have reached your ten_secondly_rolling limit.',
        errorType: 'RATE_LIMIT',
        policyName: 'TEN_SECONDLY_ROLLING',
      })
    }
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1]
    if (!token || !this.accessTokens.has(token))
      return send(res, 401, {
        status: 'error',
        message: 'The OAuth token used to make this call expired 5 minute(s) ago.',
        category: 'EXPIRED_AUTHENTICATION',
      })
    const path = url.pathname
    const on = (method: string, pattern: RegExp) => (req.method === method ? pattern.exec(path) : null)
    const owners = on('GET', /^\/crm\/v3\/owners\/?$/)
    if (owners) return this.listOwners(res, url)
    const pipelines = on('GET', /^\/crm\/v3\/pipelines\/(\w+)$/)
    if (pipelines) return send(res, 200, { results: pipelines[1] === 'deals' ? this.pipelines : [] })
    const list = on('GET', /^\/crm\/v3\/objects\/(\w+)$/)
    if (list) return this.list(res, list[1]!, url)
    const search = on('POST', /^\/crm\/v3\/objects\/(\w+)\/search$/)
    if (search) return this.search(res, search[1]!, JSON.parse(body || '{}'))
    const associations = on('POST', /^\/crm\/v4\/associations\/(\w+)\/(\w+)\/batch\/read$/)
    if (associations)
      return this.associations(res, associations[1]!, associations[2]!, JSON.parse(body || '{}'))
    return send(res, 404, { status: 'error', message: `no route ${req.method} ${path}` })
  }

  private token(res: ServerResponse, body: string): void {
    const form = new URLSearchParams(body)
    const known = this.refreshTokens.get(form.get('refresh_token') ?? '')
    if (
      form.get('grant_type') !== 'refresh_token' ||
      !known ||
      known.clientId !== form.get('client_id') ||
      known.clientSecret !== form.get('client_secret')
    ) {
      send(res, 400, { status: 'BAD_REFRESH_TOKEN', message: 'missing or unknown refresh token' })
      return
    }
    const accessToken = `oauth-${randomBytes(8).toString('hex')}`
    this.accessTokens.add(accessToken)
    send(res, 200, {
      token_type: 'bearer',
      refresh_token: form.get('refresh_token'),
      access_token: accessToken,
      expires_in: 1800,
    })
  }

  private listOwners(res: ServerResponse, url: URL): void {
    const { page, next } = window(this.owners, url, this.pageCap)
    send(res, 200, {
      results: page.map((o) => ({
        ...o,
        userId: Number(o.id),
        createdAt: new Date(0).toISOString(),
        updatedAt: new Date(0).toISOString(),
        archived: false,
      })),
      ...paging(next),
    })
  }

  private list(res: ServerResponse, type: string, url: URL): void {
    const archived = url.searchParams.get('archived') === 'true'
    const made = this.generated.get(type)
    const all = this.ordered.get(type) ?? []
    const records =
      archived || (this.archivedCount.get(type) ?? 0) > 0 ? all.filter((r) => r.archived === archived) : all
    const { page, next } =
      made && !archived ? this.generatedWindow(type, made, url) : window(records, url, this.pageCap)
    // a list parameter comes repeated or comma-separated, as HubSpot takes either
    const listed = (name: string) =>
      url.searchParams
        .getAll(name)
        .flatMap((v) => v.split(','))
        .filter(Boolean)
    const properties = listed('properties')
    const associations = listed('associations')
    send(res, 200, { results: page.map((r) => view(r, type, properties, associations)), ...paging(next) })
  }

  private generatedWindow(
    type: string,
    made: { count: number; make: (i: number) => FakeRecord },
    url: URL,
  ): { page: FakeRecord[]; next: string | null } {
    const after = Number(url.searchParams.get('after') ?? 0)
    const limit = Math.min(Number(url.searchParams.get('limit') ?? 10), 100, this.pageCap)
    const page: FakeRecord[] = []
    for (let i = after; i < Math.min(after + limit, made.count); i++) {
      const record = made.make(i)
      page.push(this.table(type).get(record.id) ?? record)
    }
    return { page, next: after + limit < made.count ? String(after + limit) : null }
  }

  private search(
    res: ServerResponse,
    type: string,
    request: {
      filterGroups?: { filters?: { propertyName: string; operator: string; value?: string }[] }[]
      properties?: string[]
      limit?: number
      after?: string
    },
  ): void {
    const after = Number(request.after ?? 0)
    const limit = Math.min(request.limit ?? 10, 200, this.pageCap)
    if (after + limit > this.searchWindow) {
      send(res, 400, {
        status: 'error',
        message: 'There was a problem with the request.',
        category: 'VALIDATION_ERROR',
      })
      return
    }
    const filters = request.filterGroups?.[0]?.filters ?? []
    const records = [...this.table(type).values()]
      .filter((r) => !r.archived)
      .filter((r) =>
        filters.every((f) => {
          const value = r.properties[f.propertyName]
          const time = (v: string) => (/^\d+$/.test(v) ? Number(v) : Date.parse(v))
          if (f.operator === 'GTE') return value != null && time(value) >= time(f.value ?? '0')
          if (f.operator === 'EQ') return value === f.value
          return true
        }),
      )
      .sort((a, b) => a.updatedAt.getTime() - b.updatedAt.getTime() || Number(a.id) - Number(b.id))
    const page = records.slice(after, after + limit)
    const next = after + limit < records.length ? String(after + limit) : null
    send(res, 200, {
      total: records.length,
      results: page.map((r) => view(r, type, request.properties ?? [], [])),
      ...paging(next),
    })
  }

  private associations(
    res: ServerResponse,
    from: string,
    to: string,
    request: { inputs?: { id: string }[] },
  ): void {
    const results = (request.inputs ?? []).flatMap(({ id }) => {
      const record = this.table(from).get(id)
      const ids = record?.associations[to] ?? []
      if (ids.length === 0) return []
      return [
        {
          from: { id },
          to: ids.map((toId) => ({
            toObjectId: Number(toId),
            associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 5, label: null }],
          })),
        },
      ]
    })
    send(res, 207, {
      status: 'COMPLETE',
      results,
      startedAt: new Date().toISOString(),
      completedAt: new Date().toISOString(),
    })
  }
}

function view(record: FakeRecord, type: string, properties: string[], associations: string[]) {
  const picked = Object.fromEntries(
    [...new Set([...properties, 'createdate', 'hs_lastmodifieddate', 'hs_object_id'])].map((p) => [
      p,
      record.properties[p] ?? null,
    ]),
  )
  const associated = Object.fromEntries(
    associations
      .filter((a) => (record.associations[a] ?? []).length > 0)
      .map((a) => [
        a,
        {
          results: record.associations[a]!.map((id) => ({ id, type: `${singular(type)}_to_${singular(a)}` })),
        },
      ]),
  )
  return {
    id: record.id,
    properties: picked,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
    archived: record.archived,
    ...(record.archivedAt ? { archivedAt: record.archivedAt.toISOString() } : {}),
    ...(Object.keys(associated).length > 0 ? { associations: associated } : {}),
  }
}

const singular = (type: string) => type.replace(/ies$/, 'y').replace(/s$/, '')

function window<T>(items: T[], url: URL, cap: number): { page: T[]; next: string | null } {
  const after = Number(url.searchParams.get('after') ?? 0)
  const limit = Math.min(Number(url.searchParams.get('limit') ?? 10), 100, cap)
  return {
    page: items.slice(after, after + limit),
    next: after + limit < items.length ? String(after + limit) : null,
  }
}

const paging = (next: string | null) =>
  next ? { paging: { next: { after: next, link: `?after=${next}` } } } : {}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status
  res.setHeader('content-type', 'application/json;charset=utf-8')
  res.end(JSON.stringify(body))
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}
