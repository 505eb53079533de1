// The little of oidc-provider (a development dependency without typings) the single sign-on tests use
// to stand up a local OpenID Connect provider.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http'

  export interface GrantInstance {
    addOIDCScope(scope: string): void
    addOIDCClaims(claims: string[]): void
    save(): Promise<string>
  }

  export interface KoaContextWithOidc {
    oidc: {
      client?: { clientId: string }
      session?: { accountId?: string }
      params?: Record<string, unknown>
      provider: Provider
    }
  }

  export default class Provider {
    constructor(issuer: string, configuration?: Record<string, unknown>)
    Grant: new (init: {
      accountId: string
      clientId: string
    }) => GrantInstance
    callback(): (req: IncomingMessage, res: ServerResponse) => void
    on(event: string, listener: (...args: unknown[]) => void): this
  }
}
