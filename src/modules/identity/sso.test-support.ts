// A real OpenID Connect provider (oidc-provider) on 127.0.0.1 for the single sign-on tests, the unit
// suite and the browser spec alike: one client, accounts the test adds, the provider's own login form
// (any password; the login is the account), and consent given at once so the form is the only step.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import Provider, { type KoaContextWithOidc } from 'oidc-provider'

export interface TestAccount {
  email: string
  email_verified?: boolean
  name?: string
}

export interface TestProvider {
  issuer: string
  clientId: string
  clientSecret: string
  /** People who can sign in, by the login typed in the provider's form. */
  accounts: Map<string, TestAccount>
  close(): Promise<void>
}

export async function startTestProvider(options: { redirectUris: string[] }): Promise<TestProvider> {
  const server: Server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const clientId = 'credence'
  const clientSecret = 'a client secret the provider issued'
  const accounts = new Map<string, TestAccount>()
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    cookies: { keys: ['a cookie signing key for the test provider'] },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx: unknown, id: string) {
      const account = accounts.get(id)
      return account ? { accountId: id, claims: () => ({ sub: id, ...account }) } : undefined
    },
    // consent is given at once, so the login form is the only page a person sees
    async loadExistingGrant(ctx: KoaContextWithOidc) {
      const { client, session, provider: self } = ctx.oidc
      if (!client || !session?.accountId) return undefined
      const grant = new self.Grant({ accountId: session.accountId, clientId: client.clientId })
      grant.addOIDCScope('openid email profile')
      grant.addOIDCClaims(['email', 'email_verified', 'name'])
      await grant.save()
      return grant
    },
  })
  server.on('request', provider.callback())
  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** A tiny cookie jar for driving the provider's pages with fetch: names and values only. */
function cookieJar() {
  const cookies = new Map<string, string>()
  return {
    header: () => [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
    keep(response: Response) {
      for (const line of response.headers.getSetCookie()) {
        const [pair] = line.split(';')
        const eq = pair!.indexOf('=')
        const name = pair!.slice(0, eq).trim()
        const value = pair!.slice(eq + 1).trim()
        if (/expires=Thu, 01 Jan 1970/i.test(line) || value === '') cookies.delete(name)
        else cookies.set(name, value)
      }
    },
  }
}

/**
 * Signs in at the provider as a person would: follows its redirects, fills the login form with
 * `login`, and stops at the first redirect that leaves the provider (the app's callback), returned.
 */
export async function signInAtProvider(authorizationUrl: string, login: string): Promise<URL> {
  const jar = cookieJar()
  let url = new URL(authorizationUrl)
  const origin = url.origin
  let body: URLSearchParams | undefined
  for (let step = 0; step < 10; step++) {
    const response = await fetch(url, {
      method: body ? 'POST' : 'GET',
      redirect: 'manual',
      headers: {
        cookie: jar.header(),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(body ? { body: body.toString() } : {}),
    })
    jar.keep(response)
    body = undefined
    const location = response.headers.get('location')
    if (location) {
      url = new URL(location, url)
      if (url.origin !== origin) return url
      continue
    }
    const html = await response.text()
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1]
    if (!action || !html.includes('name="login"'))
      throw new Error(`the provider answered ${response.status} without a login form: ${html.slice(0, 300)}`)
    url = new URL(action.replaceAll('&amp;', '&'), url)
    body = new URLSearchParams({ prompt: 'login', login, password: 'any password' })
  }
  throw new Error('the provider never sent the browser back')
}
