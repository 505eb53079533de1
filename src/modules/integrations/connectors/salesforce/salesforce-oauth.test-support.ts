// A local Salesforce's token endpoint, as its OAuth reference describes the two grants a connector
// uses: username-password (the connected app's key and secret, the password with any security token)
// and JWT bearer (an RS256 assertion from the app's consumer key for a user, checked against the
// certificate uploaded to the app, for Salesforce's audience, not yet expired).
import { createVerify } from 'node:crypto'

export interface FakeUser {
  username: string
  password: string
  userId: string
}

export interface ConnectedApp {
  clientSecret: string
  /** The PEM public key of the certificate uploaded for the JWT bearer flow. */
  publicKey?: string
}

type Refusal = { error: string; error_description: string }

const refuse = (error: string, description: string): Refusal => ({ error, error_description: description })

/** The user a token request signs in, or Salesforce's OAuth error for it. */
export function grantToken(
  form: URLSearchParams,
  apps: Map<string, ConnectedApp>,
  users: FakeUser[],
): FakeUser | Refusal {
  if (form.get('grant_type') === 'password') {
    const app = apps.get(form.get('client_id') ?? '')
    if (!app || app.clientSecret !== form.get('client_secret'))
      return refuse('invalid_client_id', 'client identifier invalid')
    const user = users.find((u) => u.username === form.get('username') && u.password === form.get('password'))
    return user ?? refuse('invalid_grant', 'authentication failure')
  }
  if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer')
    return refuse('unsupported_grant_type', 'grant type not supported')
  const [header, claims, signature] = (form.get('assertion') ?? '').split('.')
  let decoded: { iss?: string; sub?: string; aud?: string; exp?: number }
  try {
    decoded = JSON.parse(Buffer.from(claims ?? '', 'base64url').toString())
  } catch {
    return refuse('invalid_grant', 'invalid assertion')
  }
  const app = apps.get(decoded.iss ?? '')
  if (!app?.publicKey) return refuse('invalid_client_id', 'client identifier invalid')
  const signed = createVerify('RSA-SHA256')
    .update(`${header}.${claims}`)
    .verify(app.publicKey, Buffer.from(signature ?? '', 'base64url'))
  if (!signed) return refuse('invalid_grant', 'invalid assertion')
  if (!['https://login.salesforce.com', 'https://test.salesforce.com'].includes(decoded.aud ?? ''))
    return refuse('invalid_grant', 'audience is invalid')
  if (!decoded.exp || decoded.exp * 1000 < Date.now())
    return refuse('invalid_grant', 'expired authorization code')
  const user = users.find((u) => u.username === decoded.sub)
  return user ?? refuse('invalid_grant', 'user hasn’t approved this consumer')
}
