// HubSpot through its own client library, with what a sync needs around each call: a 429 waits as long
// as HubSpot asks (Retry-After, else its ten-second window) and tries again, a 5xx or a dropped
// connection is tried again with backoff, and an expired OAuth token is renewed once with the refresh
// token (the new one is kept). A private-app token HubSpot refuses stops the run: it needs a new token.
import { Client } from '@hubspot/api-client'
import { ConnectorError } from '../connector'

export type HubSpotCredentials =
  | { kind: 'private_app'; accessToken: string; webhookSecret?: string }
  | {
      kind: 'oauth'
      clientId: string
      clientSecret: string
      refreshToken: string
      accessToken?: string
    }

/** A page of CRM objects as the client library returns them. */
export interface HubSpotObject {
  id: string
  properties: Record<string, string | null>
  archived?: boolean
  archivedAt?: Date
  associations?: Record<string, { results: { id: string }[] }>
}

export interface HubSpotApiOptions {
  credentials: HubSpotCredentials
  baseUrl?: string
  renew(next: HubSpotCredentials): Promise<void>
  /** How many times a rate-limited or failed call is tried again (default 6). */
  retries?: number
  /** How many results one search may page through: HubSpot stops at 10,000. */
  searchWindow?: number
  sleep?(ms: number): Promise<void>
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

interface ApiFailure {
  code?: number
  body?: { message?: string; policyName?: string; category?: string }
  headers?: Record<string, string>
  message?: string
}

/** How long a 429 asks to wait: Retry-After seconds, else the policy's window (HubSpot sends none). */
function retryAfterMs(failure: ApiFailure): number {
  const header = Number(failure.headers?.['retry-after'])
  if (Number.isFinite(header) && header >= 0) return Math.min(header * 1000, 60_000)
  return failure.body?.policyName === 'TEN_SECONDLY_ROLLING' ? 10_000 : 1_000
}

export class HubSpotApi {
  private client: Client
  private credentials: HubSpotCredentials
  private readonly retries: number
  private readonly sleep: (ms: number) => Promise<void>

  constructor(private readonly options: HubSpotApiOptions) {
    this.credentials = options.credentials
    this.retries = options.retries ?? 6
    this.sleep = options.sleep ?? wait
    this.client = this.clientFor(this.accessToken())
  }

  private accessToken(): string | undefined {
    return this.credentials.accessToken
  }

  private clientFor(accessToken: string | undefined): Client {
    // the library's own retries wait 10 s a try and log each; this class retries instead
    return new Client({
      ...(accessToken ? { accessToken } : {}),
      ...(this.options.baseUrl ? { basePath: this.options.baseUrl } : {}),
      numberOfApiCallRetries: 0,
    })
  }

  /** Runs one API call with the retries, waits and token renewal described above. */
  async call<T>(what: string, run: (client: Client) => Promise<T>): Promise<T> {
    let renewed = false
    for (let attempt = 1; ; attempt++) {
      try {
        if (this.credentials.kind === 'oauth' && !this.credentials.accessToken) {
          await this.renew()
          renewed = true
        }
        return await run(this.client)
      } catch (error) {
        if (error instanceof ConnectorError) throw error
        const failure = error as ApiFailure
        const status = typeof failure.code === 'number' ? failure.code : 0
        const reason = failure.body?.message ?? failure.message ?? String(error)
        if (status === 401 && this.credentials.kind === 'oauth' && !renewed) {
          await this.renew()
          renewed = true
          continue
        }
        if (status === 401 || status === 403)
          throw new ConnectorError(
            `HubSpot refused the credentials while ${what} (${status}: ${reason}); connect again with a valid token`,
            true,
          )
        const transient = status === 429 || status >= 500 || status === 0
        if (!transient || attempt > this.retries)
          throw new ConnectorError(
            `HubSpot answered ${status || 'nothing'} while ${what}: ${reason}`,
            false,
            transient,
          )
        await this.sleep(status === 429 ? retryAfterMs(failure) : Math.min(500 * 2 ** (attempt - 1), 30_000))
      }
    }
  }

  private async renew(): Promise<void> {
    const credentials = this.credentials
    if (credentials.kind !== 'oauth') return
    let answer: { accessToken: string; refreshToken: string }
    try {
      answer = await this.clientFor(undefined).oauth.tokensApi.create(
        'refresh_token',
        undefined,
        undefined,
        credentials.clientId,
        credentials.clientSecret,
        credentials.refreshToken,
      )
    } catch (error) {
      const failure = error as ApiFailure
      throw new ConnectorError(
        `HubSpot would not renew the OAuth token (${failure.code ?? 'no answer'}: ${failure.body?.message ?? failure.message}); connect the app again`,
        true,
      )
    }
    this.credentials = { ...credentials, accessToken: answer.accessToken, refreshToken: answer.refreshToken }
    this.client = this.clientFor(answer.accessToken)
    await this.options.renew(this.credentials)
  }

  /** Every object of a type, a page of 100 at a time (archived ones when asked). */
  async *list(
    type: string,
    properties: string[],
    associations: string[],
    archived = false,
  ): AsyncGenerator<HubSpotObject[]> {
    let after: string | undefined
    do {
      const page = await this.call(`reading ${type}`, (c) =>
        c.crm.objects.basicApi.getPage(type, 100, after, properties, undefined, associations, archived),
      )
      yield page.results as unknown as HubSpotObject[]
      after = page.paging?.next?.after
    } while (after)
  }

  /**
   * Objects modified at or after `since` (ISO), oldest first, 200 a page. HubSpot's search stops at
   * 10,000 results, so past that the search starts again from the last modification time read.
   */
  async *modifiedSince(type: string, since: string, properties: string[]): AsyncGenerator<HubSpotObject[]> {
    let from = Date.parse(since)
    const seen = new Set<string>()
    for (;;) {
      let after = 0
      let last = from
      let more = false
      for (;;) {
        const page = await this.call(`searching ${type}`, (c) =>
          c.crm.objects.searchApi.doSearch(type, {
            filterGroups: [
              {
                filters: [
                  { propertyName: 'hs_lastmodifieddate', operator: 'GTE' as never, value: String(from) },
                ],
              },
            ],
            // the documented form; the library's type says string, and passes the object through
            sorts: [{ propertyName: 'hs_lastmodifieddate', direction: 'ASCENDING' } as never],
            properties,
            limit: 200,
            after: String(after),
          }),
        )
        const fresh = (page.results as unknown as HubSpotObject[]).filter((o) => !seen.has(o.id))
        for (const o of fresh) {
          seen.add(o.id)
          last = Math.max(last, Date.parse(o.properties.hs_lastmodifieddate ?? '') || last)
        }
        if (fresh.length > 0) yield fresh
        const next = page.paging?.next?.after
        if (!next) break
        after = Number(next)
        if (after + page.results.length > (this.options.searchWindow ?? 10_000)) {
          more = true
          break
        }
      }
      // past the window: search again from the newest change read (a later one, or we are done)
      if (!more || last === from) return
      from = last
    }
  }

  /** The ids each object is associated with, of one type (v4 batch read, 100 objects a call). */
  async associated(from: string, to: string, ids: string[]): Promise<Map<string, string[]>> {
    const found = new Map<string, string[]>()
    for (let i = 0; i < ids.length; i += 100) {
      const inputs = ids.slice(i, i + 100).map((id) => ({ id }))
      const answer = await this.call(`reading ${from} associations`, (c) =>
        c.crm.associations.v4.batchApi.getPage(from, to, { inputs }),
      )
      for (const result of answer.results)
        found.set(
          result._from.id,
          result.to.map((t) => String(t.toObjectId)),
        )
    }
    return found
  }

  async owners(): Promise<Map<string, string>> {
    const emails = new Map<string, string>()
    let after: string | undefined
    do {
      const page = await this.call('reading owners', (c) =>
        c.crm.owners.ownersApi.getPage(undefined, after, 100),
      )
      for (const owner of page.results) if (owner.email) emails.set(owner.id, owner.email)
      after = page.paging?.next?.after
    } while (after)
    return emails
  }

  /** Each deal stage by id: its label and whether a deal there is open, won or lost. */
  async dealStages(): Promise<Map<string, { label: string; status: 'open' | 'won' | 'lost' }>> {
    const answer = await this.call('reading deal pipelines', (c) =>
      c.crm.pipelines.pipelinesApi.getAll('deals'),
    )
    const stages = new Map<string, { label: string; status: 'open' | 'won' | 'lost' }>()
    for (const pipeline of answer.results)
      for (const stage of pipeline.stages) {
        const closed = stage.metadata?.isClosed === 'true'
        const won = Number(stage.metadata?.probability) >= 1
        stages.set(stage.id, { label: stage.label, status: closed ? (won ? 'won' : 'lost') : 'open' })
      }
    return stages
  }
}
