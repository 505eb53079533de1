// Salesforce through jsforce, with what a sync needs around each call: the integration user signs in
// with a JWT bearer assertion (signed here with the connected app's key) or the username-password flow;
// an expired session signs in again once; a 429 or 503 waits as long as Salesforce asks (Retry-After,
// else backoff) and a 5xx or a dropped connection is tried again; the org's daily API limit stops the run
// with a message saying so. SOQL is read a page at a time, large first loads through Bulk API 2.0.
import { createSign } from 'node:crypto'
import { parse } from 'csv-parse/sync'
import { Connection, OAuth2 } from 'jsforce'
import { Transport } from 'jsforce/lib/transport.js'
import type { HttpRequest, HttpRequestOptions, HttpResponse } from 'jsforce/lib/types/common.js'
import type { StreamPromise } from 'jsforce/lib/util/promise.js'
import { ConnectorError } from '../connector'
import type { SalesforceCredentials } from './salesforce.contract'

/** A record with relationship fields flattened to their dotted names (Owner.Email); blanks are null. */
export type SalesforceRecord = Record<string, string | null>

export interface SalesforceApiOptions {
  credentials: SalesforceCredentials
  apiVersion: string
  /** Where to sign in and call instead of Salesforce (a local stand-in). */
  baseUrl?: string
  /** How many times a rate-limited or failed call is tried again (default 6). */
  retries?: number
  sleep?(ms: number): Promise<void>
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * jsforce's own transport retries a 429 or 5xx on a fixed schedule and hides the status; this one turns
 * those retries off and remembers the last failed answer, so `call` can honour Retry-After.
 */
class AnsweringTransport extends Transport {
  lastFailure: { status: number; retryAfter: string | undefined } | null = null

  forget(): void {
    this.lastFailure = null
  }

  override httpRequest(req: HttpRequest, options: HttpRequestOptions = {}): StreamPromise<HttpResponse> {
    const answer = super.httpRequest(req, { ...options, retry: { ...options.retry, maxRetries: 0 } })
    answer.then(
      (res) => {
        if (res.statusCode >= 400)
          this.lastFailure = { status: res.statusCode, retryAfter: res.headers['retry-after'] }
      },
      () => undefined,
    )
    return answer
  }
}

interface ApiFailure {
  name?: string
  errorCode?: string
  code?: string
  message?: string
  status?: number
}

/** An answer read outside jsforce's request path (Bulk results), failed the way jsforce reports one. */
class SalesforceAnswerError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
  ) {
    super(message)
  }
}

function retryAfterMs(header: string | undefined, attempt: number): number {
  const seconds = Number(header)
  if (header !== undefined && Number.isFinite(seconds) && seconds >= 0)
    return Math.min(seconds * 1000, 60_000)
  return Math.min(500 * 2 ** (attempt - 1), 30_000)
}

const base64url = (value: string) => Buffer.from(value).toString('base64url')

/**
 * Whom the assertion is for: Salesforce's login server, also when the user signs in at the org's My
 * Domain (a sandbox's My Domain answers for test.salesforce.com).
 */
export function audienceOf(loginUrl: string): string {
  if (/^https:\/\/(login|test)\.salesforce\.com$/.test(loginUrl)) return loginUrl
  return /\.sandbox\.my\.salesforce\.com$/i.test(loginUrl)
    ? 'https://test.salesforce.com'
    : 'https://login.salesforce.com'
}

/** The JWT bearer assertion Salesforce's OAuth flow takes: RS256, valid for three minutes. */
export function jwtAssertion(
  credentials: Extract<SalesforceCredentials, { kind: 'jwt' }>,
  now = Date.now(),
): string {
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }))
  const claims = base64url(
    JSON.stringify({
      iss: credentials.clientId,
      sub: credentials.username,
      aud: audienceOf(credentials.loginUrl),
      exp: Math.floor(now / 1000) + 180,
    }),
  )
  let signature: string
  try {
    signature = createSign('RSA-SHA256')
      .update(`${header}.${claims}`)
      .sign(credentials.privateKey, 'base64url')
  } catch {
    throw new ConnectorError(
      'The private key could not sign the JWT; give the PEM key of the connected app’s certificate',
    )
  }
  return `${header}.${claims}.${signature}`
}

/** A REST or CSV value as the sync reads it: relationship objects flattened, everything as text. */
export function flatten(
  record: Record<string, unknown>,
  prefix = '',
  into: SalesforceRecord = {},
): SalesforceRecord {
  for (const [key, value] of Object.entries(record)) {
    if (key === 'attributes') continue
    if (value !== null && typeof value === 'object')
      flatten(value as Record<string, unknown>, `${prefix}${key}.`, into)
    else
      into[`${prefix}${key}`] = value === null || value === undefined || value === '' ? null : String(value)
  }
  return into
}

export class SalesforceApi {
  readonly conn: Connection
  private readonly transport = new AnsweringTransport()
  private readonly retries: number
  private readonly sleep: (ms: number) => Promise<void>
  private orgId: string | null = null

  constructor(private readonly options: SalesforceApiOptions) {
    this.retries = options.retries ?? 6
    this.sleep = options.sleep ?? wait
    const credentials = options.credentials
    const loginUrl = options.baseUrl ?? credentials.loginUrl
    const oauth2 = new OAuth2({
      loginUrl,
      ...(credentials.kind === 'password'
        ? { clientId: credentials.clientId, clientSecret: credentials.clientSecret }
        : {}),
    })
    oauth2._transport = this.transport
    this.conn = new Connection({ oauth2, version: options.apiVersion, loginUrl })
    this.conn._transport = this.transport
  }

  /** Signs the integration user in; answers the org's id. */
  private async signIn(): Promise<string> {
    const credentials = this.options.credentials
    try {
      const user =
        credentials.kind === 'jwt'
          ? await this.conn.authorize({
              grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
              assertion: jwtAssertion(credentials),
            })
          : await this.conn.loginByOAuth2(
              credentials.username,
              `${credentials.password}${credentials.securityToken ?? ''}`,
            )
      this.orgId = user.organizationId
      return user.organizationId
    } catch (error) {
      const failure = error as ApiFailure
      const status = this.transport.lastFailure?.status ?? 0
      // the token endpoint answers 400 with an OAuth error for wrong credentials; anything else is passed on
      if (status === 400 || status === 401 || /^invalid_|^unsupported_|^inactive_/.test(failure.name ?? ''))
        throw new ConnectorError(
          `Salesforce refused the credentials (${failure.name}: ${failure.message}); check the connected app, the user and ${credentials.kind === 'jwt' ? 'the certificate key' : 'the password and security token'}`,
          true,
        )
      throw error
    }
  }

  /** The org's id, signing in if need be. */
  async organization(): Promise<string> {
    return this.orgId ?? this.call('signing in', async () => this.orgId ?? (await this.signIn()))
  }

  /** Runs one call with the sign-in, retries and waits described above. */
  async call<T>(what: string, run: (conn: Connection) => Promise<T>): Promise<T> {
    let signedInAgain = false
    for (let attempt = 1; ; attempt++) {
      this.transport.forget()
      try {
        if (!this.conn.accessToken) await this.signIn()
        return await run(this.conn)
      } catch (error) {
        if (error instanceof ConnectorError) throw error
        const failure = error as ApiFailure
        const status = failure.status ?? this.transport.lastFailure?.status ?? 0
        const code = failure.errorCode ?? failure.code ?? failure.name ?? ''
        const reason = failure.message ?? String(error)
        if ((code === 'INVALID_SESSION_ID' || status === 401) && !signedInAgain) {
          this.conn.accessToken = null
          signedInAgain = true
          continue
        }
        if (code === 'REQUEST_LIMIT_EXCEEDED' && !/concurrent/i.test(reason))
          throw new ConnectorError(
            `Salesforce’s daily API request limit for the org is used up (REQUEST_LIMIT_EXCEEDED: ${reason}); the next scheduled sync carries on once Salesforce resets it`,
          )
        if (
          status === 401 ||
          status === 403 ||
          code === 'INSUFFICIENT_ACCESS' ||
          code === 'API_DISABLED_FOR_ORG'
        )
          throw new ConnectorError(
            `Salesforce refused the integration user while ${what} (${code || status}: ${reason}); give the user API access and read access, or connect again`,
            true,
          )
        // a dropped or refused connection is tried again like a 5xx; an address that does not resolve
        // (a mistyped My Domain) will not resolve on the next try either
        const dropped =
          status === 0 &&
          failure.code !== 'ENOTFOUND' &&
          (failure.name === 'FetchError' || /^(E[A-Z]+|UND_ERR\w*)$/.test(failure.code ?? ''))
        const transient = status === 429 || status >= 500 || code === 'REQUEST_LIMIT_EXCEEDED' || dropped
        if (!transient || attempt > this.retries)
          throw new ConnectorError(
            status === 0 && (failure.name === 'FetchError' || failure.code)
              ? `Salesforce could not be reached while ${what} (${failure.code ?? 'no answer'}): ${reason}`
              : `Salesforce answered ${code || status} while ${what}: ${reason}`,
            false,
            transient,
          )
        await this.sleep(retryAfterMs(this.transport.lastFailure?.retryAfter, attempt))
      }
    }
  }

  /** The API names of an object's fields (to leave out fields an org does not have). */
  async fieldsOf(object: string): Promise<Set<string>> {
    const described = await this.call(`describing ${object}`, (c) => c.sobject(object).describe())
    return new Set(described.fields.map((f) => f.name))
  }

  /** A SOQL query's records, a page (up to 2,000) at a time; `all` reads deleted records too. */
  async *query(soql: string, options: { all?: boolean } = {}): AsyncGenerator<SalesforceRecord[]> {
    let page = await this.call('querying', async (c) =>
      c.query(soql, { scanAll: options.all ?? false, autoFetch: false }),
    )
    for (;;) {
      yield page.records.map((r) => flatten(r as Record<string, unknown>))
      const next = page.nextRecordsUrl
      if (page.done || !next) return
      page = await this.call('reading the next page', async (c) => c.queryMore(next))
    }
  }

  /** Ids deleted between two moments (Salesforce keeps 30 days; the range is cut to that). */
  async deleted(object: string, start: Date, end: Date): Promise<{ ids: string[]; latest: string }> {
    const answer = await this.call(`reading deleted ${object}`, (c) => c.sobject(object).deleted(start, end))
    return { ids: answer.deletedRecords.map((r) => r.id), latest: answer.latestDateCovered }
  }

  /**
   * A query run as a Bulk API 2.0 job: created, polled until complete, and its CSV results read a
   * page at a time by their Sforce-Locator. jsforce's bulk2 reader pipes every page into one CSV
   * stream (each page repeats the header), so the pages are read here.
   */
  async *bulkQuery(soql: string, pollMs = 1000): AsyncGenerator<SalesforceRecord[]> {
    const jobs = `/jobs/query`
    const job = await this.call('starting a bulk query', (c) =>
      c.request<{ id: string }>({
        method: 'POST',
        url: jobs,
        body: JSON.stringify({ operation: 'query', query: soql, contentType: 'CSV', lineEnding: 'LF' }),
        headers: { 'content-type': 'application/json' },
      }),
    )
    // a job queued behind the org's other bulk work can take long; past two hours the run gives up
    for (let polls = 1, waited = 0; ; polls++) {
      const state = await this.call('waiting for a bulk query', (c) =>
        c.request<{ state: string; errorMessage?: string }>(`${jobs}/${job.id}`),
      )
      if (state.state === 'JobComplete') break
      if (state.state === 'Failed' || state.state === 'Aborted')
        throw new ConnectorError(`Salesforce’s bulk query failed: ${state.errorMessage ?? state.state}`)
      if (waited > 2 * 3600_000)
        throw new ConnectorError(`Salesforce’s bulk query ${job.id} was still ${state.state} after two hours`)
      const pause = Math.min(pollMs * polls, 10_000)
      await this.sleep(pause)
      waited += pause
    }
    let locator: string | null = null
    do {
      const at: string | null = locator
      const answer = await this.call('reading bulk query results', async (c) => {
        const url = `${c.instanceUrl}/services/data/v${c.version}${jobs}/${job.id}/results?maxRecords=50000${at ? `&locator=${encodeURIComponent(at)}` : ''}`
        const res = await this.transport.httpRequest({
          method: 'GET',
          url,
          headers: { Authorization: `Bearer ${c.accessToken}`, Accept: 'text/csv' },
        })
        if (res.statusCode >= 400) {
          const [body] = (safeJson(res.body) as { errorCode?: string; message?: string }[] | null) ?? []
          throw new SalesforceAnswerError(
            res.statusCode,
            body?.errorCode ?? '',
            body?.message ?? res.body.slice(0, 200),
          )
        }
        return res
      })
      const rows = parse(answer.body, { columns: true, skip_empty_lines: true }) as Record<string, string>[]
      yield rows.map((r) => flatten(r))
      const next = answer.headers['sforce-locator']
      locator = next && next !== 'null' ? next : null
    } while (locator)
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return null
  }
}
