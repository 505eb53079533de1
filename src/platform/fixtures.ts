// What each module gives the API suites that span every route (tenant isolation, fuzzing): how to
// make its records through the API and how to call each of its routes validly. Test support only:
// the running app never imports a module's *.fixtures.ts.

export interface FixtureResponse {
  statusCode: number
  json<T = Record<string, string>>(): T
}

export interface FixtureClient {
  get(url: string): Promise<FixtureResponse>
  post(url: string, body?: unknown): Promise<FixtureResponse>
  put(url: string, body?: unknown): Promise<FixtureResponse>
}

/** A valid call of one route: its path parameters and body. */
export interface RouteCall {
  params?: Record<string, string>
  body?: unknown
}

export interface ModuleFixture {
  /** Creates one of each of the module's records, as an org owner; returns their ids by name. */
  seed(client: FixtureClient, ids: Readonly<Record<string, string>>): Promise<Record<string, string>>
  /** Every route of the module that has a path parameter or a body, keyed 'METHOD /api/v1/path/{param}'. */
  routes(ids: Readonly<Record<string, string>>): Record<string, RouteCall>
  /** List and summary routes: another org's answer must hold none of this org's ids. */
  lists: readonly string[]
  /** Routes whose path parameter is not a tenant's record (e.g. an invitation token). */
  notTenantScoped?: readonly string[]
}

/** Fails loudly when a seed call did not succeed, naming the call. */
export async function created(
  response: Promise<FixtureResponse>,
  what: string,
): Promise<Record<string, string>> {
  const res = await response
  if (res.statusCode >= 300)
    throw new Error(`fixture ${what}: ${res.statusCode} ${JSON.stringify(res.json())}`)
  return res.json()
}
