// A local Salesforce for tests, written from Salesforce's published REST API and Bulk API 2.0 reference:
// the OAuth token endpoint (username-password and JWT bearer grants, the assertion's RS256 signature
// checked against the connected app's certificate key), SOQL query and queryAll with nextRecordsUrl
// paging, describe, getDeleted, Bulk 2.0 query jobs with CSV results paged by Sforce-Locator, and the
// failures a connector must survive: 401 INVALID_SESSION_ID, 429 and 503 with Retry-After, the daily
// request limit, and records with bad values. Every write is stamped with SystemModstamp by `now`.
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type ConnectedApp, type FakeUser, grantToken } from './salesforce-oauth.test-support'
import {
  compareValues,
  matches,
  parseSoql,
  type SoqlQuery,
  type SoqlValue,
} from './salesforce-soql.test-support'

export type FakeSObject = Record<string, SoqlValue> & { Id: string }

/** Key prefixes of the objects the connector reads (the first three characters of an id). */
const prefixes: Record<string, string> = {
  Account: '001',
  Contact: '003',
  User: '005',
  Opportunity: '006',
  OpportunityContactRole: '00K',
  OpportunityPartner: '00J',
  Task: '00T',
  Event: '00U',
}
const system = ['Id', 'IsDeleted', 'CreatedDate', 'SystemModstamp', 'LastModifiedDate']
const standardFields: Record<string, string[]> = {
  Account: ['Name', 'Website', 'BillingCountry', 'Industry', 'Type', 'IsPartner'],
  Contact: ['FirstName', 'LastName', 'Email', 'AccountId'],
  User: ['Email', 'Username'],
  Opportunity: [
    'Name',
    'Amount',
    'CurrencyIsoCode',
    'StageName',
    'IsClosed',
    'IsWon',
    'Type',
    'CloseDate',
    'OwnerId',
    'AccountId',
  ],
  OpportunityContactRole: ['OpportunityId', 'ContactId', 'Role', 'IsPrimary'],
  OpportunityPartner: ['OpportunityId', 'AccountToId', 'Role', 'IsPrimary'],
  Task: ['Subject', 'WhatId', 'WhoId', 'AccountId', 'OwnerId', 'Type', 'TaskSubtype', 'ActivityDate'],
  Event: ['Subject', 'WhatId', 'WhoId', 'AccountId', 'OwnerId', 'Type', 'ActivityDate', 'ActivityDateTime'],
}

/** Salesforce writes date-times as 2026-01-05T10:00:00.000+0000. */
export const sfDateTime = (at: Date) => at.toISOString().replace('Z', '+0000')

export class SalesforceFake {
  readonly orgId = `00D${randomBytes(6).toString('hex').slice(0, 12).toUpperCase()}AAA`
  readonly records = new Map<string, Map<string, FakeSObject>>()
  readonly deletedLog: { object: string; id: string; at: Date }[] = []
  readonly users: FakeUser[] = []
  readonly apps = new Map<string, ConnectedApp>()
  readonly sessions = new Set<string>()
  /** Custom fields per object, as describe lists them. */
  readonly customFields: Record<string, string[]> = {}
  /** Requests answered, as "METHOD /path". */
  readonly requests: string[] = []
  /** Records a query page or bulk results page holds (Salesforce: 2,000 a page). */
  pageSize = 2000
  /** The next answers fail with these statuses, each with Retry-After (seconds). */
  readonly failNext: { status: 429 | 503; retryAfter: number }[] = []
  /** After this many more API calls every session expires (mid-run expiry); null: never. */
  expireSessionsAfter: number | null = null
  /** The org's daily request limit is used up. */
  limitExceeded = false
  /** Salesforce's clock: each write is stamped at least a millisecond after the last. */
  now: () => Date = () => new Date()
  private last = 0
  private nextId = 1
  private url = ''
  private server: Server | null = null
  private readonly cursors = new Map<string, { records: Record<string, unknown>[]; offset: number }>()
  private readonly jobs = new Map<string, { query: SoqlQuery; all: boolean; rows: string[] }>()

  tick(): Date {
    this.last = Math.max(this.now().getTime(), this.last + 1)
    return new Date(this.last)
  }

  /** An integration user the password grant accepts (the password includes any security token). */
  addUser(username: string, password: string, email = username): FakeSObject {
    const user = this.insert('User', { Username: username, Email: email })
    this.users.push({ username, password, userId: user.Id })
    return user
  }

  /** A connected app: its consumer key, secret, and the certificate's public key for JWT. */
  addApp(clientId: string, app: ConnectedApp): void {
    this.apps.set(clientId, app)
  }

  insert(object: string, fields: Record<string, SoqlValue>): FakeSObject {
    const at = sfDateTime(this.tick())
    const id = `${prefixes[object] ?? 'a00'}${String(this.nextId++).padStart(12, '0')}AAA`
    const record: FakeSObject = {
      CreatedDate: at,
      ...fields,
      Id: id,
      IsDeleted: false,
      SystemModstamp: at,
      LastModifiedDate: at,
    }
    this.table(object).set(id, record)
    return record
  }

  update(object: string, id: string, fields: Record<string, SoqlValue>): FakeSObject {
    const record = this.get(object, id)
    const at = sfDateTime(this.tick())
    Object.assign(record, fields, { SystemModstamp: at, LastModifiedDate: at })
    return record
  }

  /** Deletes to the recycle bin: gone from query, found by queryAll and getDeleted. */
  remove(object: string, id: string): void {
    const record = this.get(object, id)
    const at = this.tick()
    Object.assign(record, { IsDeleted: true, SystemModstamp: sfDateTime(at) })
    this.deletedLog.push({ object, id, at })
  }

  get(object: string, id: string): FakeSObject {
    const record = this.table(object).get(id)
    if (!record) throw new Error(`no ${object} ${id}`)
    return record
  }

  table(object: string): Map<string, FakeSObject> {
    const table = this.records.get(object) ?? new Map<string, FakeSObject>()
    this.records.set(object, table)
    return table
  }

  /** Ends every session: the next call with one answers 401 INVALID_SESSION_ID. */
  expireSessions(): void {
    this.sessions.clear()
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error) =>
        send(res, 500, [{ errorCode: 'UNKNOWN_EXCEPTION', message: String(error) }]),
      )
    })
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve))
    // a fake left running by a suite never keeps the test process alive
    this.server.unref()
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`
    return this.url
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve())
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake')
    this.requests.push(`${req.method} ${url.pathname}`)
    const body = await readBody(req)
    const failure = this.failNext.shift()
    if (failure) {
      res.setHeader('retry-after', String(failure.retryAfter))
      return send(res, failure.status, [
        failure.status === 429
          ? { errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'ConcurrentPerOrgLongTxn Limit exceeded.' }
          : { errorCode: 'SERVER_UNAVAILABLE', message: 'Server temporarily unavailable' },
      ])
    }
    if (req.method === 'POST' && url.pathname === '/services/oauth2/token') return this.token(res, body)
    if (this.expireSessionsAfter !== null && this.expireSessionsAfter-- <= 0) {
      this.expireSessionsAfter = null
      this.sessions.clear()
    }
    const session = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1]
    if (!session || !this.sessions.has(session))
      return send(res, 401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }])
    if (this.limitExceeded)
      return send(res, 403, [
        { message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' },
      ])
    const api = /^\/services\/data\/v(\d+\.\d)(\/.*)$/.exec(url.pathname)
    if (!api)
      return send(res, 404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }])
    const [, version, path] = api as unknown as [string, string, string]
    const on = (method: string, pattern: RegExp) => (req.method === method ? pattern.exec(path) : null)
    const query = on('GET', /^\/(query|queryAll)\/?$/)
    if (query) return this.query(res, version, url.searchParams.get('q') ?? '', query[1] === 'queryAll')
    const more = on('GET', /^\/query\/([\w-]+)$/)
    if (more) return this.queryMore(res, version, more[1]!)
    const describe = on('GET', /^\/sobjects\/(\w+)\/describe\/?$/)
    if (describe) return this.describe(res, describe[1]!)
    const deleted = on('GET', /^\/sobjects\/(\w+)\/deleted\/?$/)
    if (deleted) return this.deleted(res, deleted[1]!, url)
    if (on('POST', /^\/jobs\/query\/?$/)) return this.createJob(res, JSON.parse(body || '{}'))
    const results = on('GET', /^\/jobs\/query\/(\w+)\/results\/?$/)
    if (results) return this.jobResults(res, results[1]!, url)
    const job = on('GET', /^\/jobs\/query\/(\w+)\/?$/)
    if (job) return this.jobInfo(res, job[1]!)
    return send(res, 404, [{ errorCode: 'NOT_FOUND', message: `no route ${req.method} ${path}` }])
  }

  private token(res: ServerResponse, body: string) {
    const granted = grantToken(new URLSearchParams(body), this.apps, this.users)
    if ('error' in granted) return send(res, 400, granted)
    const accessToken = `${this.orgId}!${randomBytes(12).toString('hex')}`
    this.sessions.add(accessToken)
    send(res, 200, {
      access_token: accessToken,
      instance_url: this.url,
      id: `${this.url}/id/${this.orgId}/${granted.userId}`,
      token_type: 'Bearer',
      issued_at: String(Date.now()),
      signature: randomBytes(16).toString('base64'),
    })
  }

  /** A field's value on a record, following relationship paths (Owner.Email, What.Type). */
  private value(record: FakeSObject, path: string): SoqlValue {
    const [head, ...rest] = path.split('.')
    if (rest.length === 0) return record[head!] ?? null
    const idField = head!.endsWith('__r') ? head!.replace(/__r$/, '__c') : `${head}Id`
    const related = this.byId(String(record[idField] ?? ''))
    if (!related) return null
    if (rest.length === 1 && rest[0] === 'Type') return related.object
    return this.value(related.record, rest.join('.'))
  }

  private byId(id: string): { object: string; record: FakeSObject } | null {
    for (const [object, table] of this.records) {
      const record = table.get(id)
      if (record) return { object, record }
    }
    return null
  }

  private select(soql: string, all: boolean): { query: SoqlQuery; found: FakeSObject[] } {
    const query = parseSoql(soql)
    const known = new Set([
      ...system,
      ...(standardFields[query.object] ?? []),
      ...(this.customFields[query.object] ?? []),
    ])
    for (const field of query.fields)
      if (!field.includes('.') && !known.has(field))
        throw Object.assign(new Error(`No such column '${field}' on entity '${query.object}'`), {
          code: 'INVALID_FIELD',
        })
    const found = [...this.table(query.object).values()]
      .filter((r) => all || !r.IsDeleted)
      .filter((r) => matches((f) => this.value(r, f), query.where))
      .sort((a, b) => {
        for (const o of query.orderBy) {
          const order = compareValues(this.value(a, o.field), this.value(b, o.field))
          if (order !== 0) return o.descending ? -order : order
        }
        return 0
      })
    return { query, found: query.limit === null ? found : found.slice(0, query.limit) }
  }

  /** A record as the REST API answers it: attributes, the fields asked for, relationships nested. */
  private view(version: string, object: string, record: FakeSObject, fields: string[]) {
    const out: Record<string, unknown> = {
      attributes: { type: object, url: `/services/data/v${version}/sobjects/${object}/${record.Id}` },
    }
    for (const field of fields) {
      const parts = field.split('.')
      let into = out
      let at: FakeSObject | null = record
      for (const [i, part] of parts.entries()) {
        if (i === parts.length - 1) {
          into[part] = at ? this.value(at, part) : null
          break
        }
        const idField = part.endsWith('__r') ? part.replace(/__r$/, '__c') : `${part}Id`
        const related: { object: string; record: FakeSObject } | null = at
          ? this.byId(String(at[idField] ?? ''))
          : null
        if (!related) {
          into[part] = null
          break
        }
        const nested = (into[part] as Record<string, unknown> | undefined) ?? {
          attributes: { type: related.object },
        }
        into[part] = nested
        into = nested
        at = related.record
      }
    }
    return out
  }

  private query(res: ServerResponse, version: string, soql: string, all: boolean) {
    let selected: ReturnType<SalesforceFake['select']>
    try {
      selected = this.select(soql, all)
    } catch (error) {
      const e = error as Error & { code?: string }
      return send(res, 400, [{ errorCode: e.code ?? 'MALFORMED_QUERY', message: e.message }])
    }
    const records = selected.found.map((r) =>
      this.view(version, selected.query.object, r, selected.query.fields),
    )
    const locator = `01g${randomBytes(6).toString('hex')}`
    this.cursors.set(locator, { records, offset: 0 })
    this.queryMore(res, version, locator, records.length)
  }

  private queryMore(res: ServerResponse, version: string, locator: string, totalSize?: number) {
    const cursor = this.cursors.get(locator)
    if (!cursor)
      return send(res, 400, [{ errorCode: 'INVALID_QUERY_LOCATOR', message: 'invalid query locator' }])
    const page = cursor.records.slice(cursor.offset, cursor.offset + this.pageSize)
    cursor.offset += page.length
    const done = cursor.offset >= cursor.records.length
    if (done) this.cursors.delete(locator)
    send(res, 200, {
      totalSize: totalSize ?? cursor.records.length,
      done,
      ...(done ? {} : { nextRecordsUrl: `/services/data/v${version}/query/${locator}-${cursor.offset}` }),
      records: page,
    })
    // Salesforce's locators name the next offset; this fake keeps one cursor under both names
    if (!done) this.cursors.set(`${locator}-${cursor.offset}`, cursor)
  }

  private describe(res: ServerResponse, object: string) {
    const names = [...system, ...(standardFields[object] ?? []), ...(this.customFields[object] ?? [])]
    send(res, 200, { name: object, queryable: true, fields: names.map((name) => ({ name, type: 'string' })) })
  }

  private deleted(res: ServerResponse, object: string, url: URL) {
    const start = Date.parse(url.searchParams.get('start') ?? '')
    const end = Date.parse(url.searchParams.get('end') ?? '')
    const now = this.now().getTime()
    if (!(start < end - 60_000) || now - start > 30 * 86_400_000)
      return send(res, 400, [
        {
          errorCode: 'INVALID_REPLICATION_DATE',
          message:
            'startDate must chronologically precede endDate by more than one minute, within the last 30 days',
        },
      ])
    // getDeleted answers to the minute
    const latest = Math.floor(Math.min(end, now) / 60_000) * 60_000
    const deletedRecords = this.deletedLog
      .filter((d) => d.object === object && d.at.getTime() >= start && d.at.getTime() < latest)
      .map((d) => ({ id: d.id, deletedDate: sfDateTime(d.at) }))
    send(res, 200, {
      deletedRecords,
      earliestDateAvailable: sfDateTime(new Date(now - 30 * 86_400_000)),
      latestDateCovered: sfDateTime(new Date(latest)),
    })
  }

  private createJob(res: ServerResponse, body: { operation?: string; query?: string }) {
    let selected: ReturnType<SalesforceFake['select']>
    try {
      selected = this.select(body.query ?? '', body.operation === 'queryAll')
    } catch (error) {
      return send(res, 400, [{ errorCode: 'INVALIDJOB', message: (error as Error).message }])
    }
    const { query, found } = selected
    const rows = found.map((r) => query.fields.map((f) => csvCell(this.value(r, f))).join(','))
    const id = `750${randomBytes(6).toString('hex')}`
    this.jobs.set(id, { query, all: body.operation === 'queryAll', rows: [query.fields.join(','), ...rows] })
    send(res, 200, {
      id,
      operation: body.operation,
      object: query.object,
      state: 'UploadComplete',
      contentType: 'CSV',
      apiVersion: 59.0,
    })
  }

  private jobInfo(res: ServerResponse, id: string) {
    const job = this.jobs.get(id)
    if (!job)
      return send(res, 404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }])
    send(res, 200, {
      id,
      object: job.query.object,
      state: 'JobComplete',
      numberRecordsProcessed: job.rows.length - 1,
    })
  }

  private jobResults(res: ServerResponse, id: string, url: URL) {
    const job = this.jobs.get(id)
    if (!job)
      return send(res, 404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }])
    const offset = Number(url.searchParams.get('locator') ?? 0)
    const size = Math.min(Number(url.searchParams.get('maxRecords') ?? this.pageSize), this.pageSize)
    const page = job.rows.slice(1 + offset, 1 + offset + size)
    const next = offset + size < job.rows.length - 1 ? String(offset + size) : 'null'
    res.statusCode = 200
    res.setHeader('content-type', 'text/csv')
    res.setHeader('sforce-locator', next)
    res.setHeader('sforce-numberofrecords', String(page.length))
    res.end(`${[job.rows[0], ...page].join('\n')}\n`)
  }
}

function csvCell(value: SoqlValue): string {
  if (value === null) return ''
  const text = String(value)
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status
  res.setHeader('content-type', 'application/json;charset=UTF-8')
  res.end(JSON.stringify(body))
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}
