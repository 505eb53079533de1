// Talking to an org's OpenID Connect provider through openid-client: discovery (which also proves an
// issuer an admin types), and a short-lived cache of what was discovered so a sign-in does not read
// the provider's metadata twice.
import * as oidc from 'openid-client'
import { invalidField } from '../../platform/app-error'
import type { ModuleDeps } from '../../platform/module'

/** Whether http issuers on this machine may be used (local trials and tests; never a remote one). */
export type ProviderDeps = Pick<ModuleDeps, 'allowInsecureSsoIssuers'>

export interface ProviderClient {
  issuer: string
  clientId: string
  clientSecret: string
}

// loopback names only: an http issuer elsewhere would send the client secret in the clear
const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]'])
const discoveryTimeoutSeconds = 10
const cacheMs = 10 * 60_000

function insecureAllowed(url: URL, deps: ProviderDeps): boolean {
  return url.protocol === 'http:' && loopbackHosts.has(url.hostname) && deps.allowInsecureSsoIssuers === true
}

/** The secret goes in the Authorization header unless the provider only takes it in the body. */
function clientAuthFor(metadata: oidc.ServerMetadata, secret: string): oidc.ClientAuth {
  const methods = metadata.token_endpoint_auth_methods_supported
  return methods && !methods.includes('client_secret_basic') && methods.includes('client_secret_post')
    ? oidc.ClientSecretPost(secret)
    : oidc.ClientSecretBasic(secret)
}

/**
 * Reads the provider's discovery document and returns a client configuration for it. Refuses, naming
 * `issuer`, an issuer that is not https (unless a loopback one is allowed) or that does not answer
 * with a valid document for itself.
 */
export async function discoverProvider(
  client: ProviderClient,
  deps: ProviderDeps,
): Promise<oidc.Configuration> {
  const url = new URL(client.issuer)
  const insecure = insecureAllowed(url, deps)
  if (url.protocol !== 'https:' && !insecure) throw invalidField('issuer', 'must be an https URL')
  const execute = insecure ? [oidc.allowInsecureRequests] : []
  let discovered: oidc.Configuration
  try {
    discovered = await oidc.discovery(url, client.clientId, undefined, undefined, {
      timeout: discoveryTimeoutSeconds,
      execute,
    })
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw invalidField('issuer', `discovery failed at ${url.origin}: ${reason}`)
  }
  const metadata = discovered.serverMetadata()
  const config = new oidc.Configuration(
    metadata,
    client.clientId,
    client.clientSecret,
    clientAuthFor(metadata, client.clientSecret),
  )
  for (const step of execute) step(config)
  return config
}

export interface ProviderCache {
  /** The configuration for an org's connection as it was last saved (`version`: its updatedAt). */
  get(orgId: string, version: string, client: ProviderClient): Promise<oidc.Configuration>
}

/** Keeps each org's discovered configuration for ten minutes, or until the connection changes. */
export function createProviderCache(deps: ProviderDeps): ProviderCache {
  const entries = new Map<string, { version: string; at: number; config: oidc.Configuration }>()
  return {
    async get(orgId, version, client) {
      const entry = entries.get(orgId)
      if (entry && entry.version === version && Date.now() - entry.at < cacheMs) return entry.config
      const config = await discoverProvider(client, deps)
      entries.set(orgId, { version, at: Date.now(), config })
      return config
    },
  }
}
