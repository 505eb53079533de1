// Tables identity owns: orgs, users, sign-in failures, sessions, invitations, API keys, branding, single
// sign-on.
import { sql } from 'drizzle-orm'
import { boolean, index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core'
import { timestamptz } from '../../platform/columns'
import { defineIds } from '../../platform/ids'

/** Id prefixes of this module's records (see the module descriptor). */
export const identityIds = defineIds({
  org: 'org',
  user: 'usr',
  session: 'ses',
  invitation: 'inv',
  apiKey: 'key',
})

export const orgs = pgTable('orgs', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  /** The currency figures across currencies are converted into (with stored reference rates). */
  reportingCurrency: text('reporting_currency'),
  createdAt: timestamptz('created_at').notNull(),
})

export const users = pgTable(
  'users',
  {
    orgId: text('org_id')
      .notNull()
      .references(() => orgs.id),
    id: text('id').notNull(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: text('role').notNull(),
    partnerId: text('partner_id'),
    status: text('status', { enum: ['active', 'disabled'] }).notNull(),
    lastLoginAt: timestamptz('last_login_at'),
    createdAt: timestamptz('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    // sign-in is by email alone, so an email belongs to one user across all orgs
    uniqueIndex('users_email_idx').on(t.email),
  ],
)

/**
 * Failed sign-ins per email, known or not (keyed by a hash of the normalised address), counted by one
 * atomic upsert so that attempts sent at once lock as surely as attempts in a row, and so that the
 * answer is the same whether an account exists.
 */
export const signInFailures = pgTable('sign_in_failures', {
  emailKey: text('email_key').primaryKey(),
  failures: integer('failures').notNull(),
  lockedUntil: timestamptz('locked_until'),
  updatedAt: timestamptz('updated_at').notNull(),
})

export const sessions = pgTable(
  'sessions',
  {
    /** sha-256 of the cookie token; the token itself is never stored. */
    tokenHash: text('token_hash').primaryKey(),
    orgId: text('org_id').notNull(),
    userId: text('user_id').notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamptz('created_at').notNull(),
    lastSeenAt: timestamptz('last_seen_at').notNull(),
    expiresAt: timestamptz('expires_at').notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.orgId, t.userId)],
)

export const invitations = pgTable(
  'invitations',
  {
    orgId: text('org_id').notNull(),
    id: text('id').notNull(),
    email: text('email').notNull(),
    role: text('role').notNull(),
    partnerId: text('partner_id'),
    invitedBy: text('invited_by').notNull(),
    createdAt: timestamptz('created_at').notNull(),
    expiresAt: timestamptz('expires_at').notNull(),
    acceptedAt: timestamptz('accepted_at'),
    revokedAt: timestamptz('revoked_at'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('invitations_id_idx').on(t.id),
    index('invitations_pending_email_idx')
      .on(t.orgId, t.email)
      .where(sql`${t.acceptedAt} is null and ${t.revokedAt} is null`),
  ],
)

export const apiKeys = pgTable(
  'api_keys',
  {
    orgId: text('org_id').notNull(),
    id: text('id').notNull(),
    name: text('name').notNull(),
    scope: text('scope', { enum: ['read', 'read_write'] }).notNull(),
    prefix: text('prefix').notNull(),
    /** sha-256 of the secret; keys are long random strings, so a fast hash is enough. */
    keyHash: text('key_hash').notNull(),
    createdBy: text('created_by').notNull(),
    createdAt: timestamptz('created_at').notNull(),
    lastUsedAt: timestamptz('last_used_at'),
    revokedAt: timestamptz('revoked_at'),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('api_keys_hash_idx').on(t.keyHash)],
)

/**
 * An org's white label: the program's name, its colour, its logo (at most 256 KB, kept here with its
 * sha256 so it is served by content) and the domain its portal is reached at. None stored: Credence's own.
 */
export const orgBranding = pgTable(
  'org_branding',
  {
    orgId: text('org_id')
      .primaryKey()
      .references(() => orgs.id),
    programName: text('program_name'),
    primaryColor: text('primary_color'),
    portalDomain: text('portal_domain').unique(),
    logoBase64: text('logo_base64'),
    logoType: text('logo_type'),
    logoHash: text('logo_hash'),
    updatedBy: text('updated_by').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [index('org_branding_logo_idx').on(t.logoHash)],
)

/**
 * An org's OpenID Connect provider for single sign-on (one per org). The client secret is sealed with
 * the org's id as context, so a copied value opens for no other org.
 */
export const ssoConnections = pgTable('sso_connections', {
  orgId: text('org_id')
    .primaryKey()
    .references(() => orgs.id),
  issuer: text('issuer').notNull(),
  clientId: text('client_id').notNull(),
  clientSecretSealed: text('client_secret_sealed').notNull(),
  /** The staff role a person signing in for the first time receives. */
  defaultRole: text('default_role').notNull(),
  /** Existing partner users may sign in through it too; then nobody is created on first sign-in. */
  allowPartnerUsers: boolean('allow_partner_users').notNull(),
  enabled: boolean('enabled').notNull(),
  updatedBy: text('updated_by').notNull(),
  createdAt: timestamptz('created_at').notNull(),
  updatedAt: timestamptz('updated_at').notNull(),
})

/** The email domains that sign in through an org's provider: its key makes a domain belong to one org. */
export const ssoDomains = pgTable(
  'sso_domains',
  {
    domain: text('domain').primaryKey(),
    orgId: text('org_id')
      .notNull()
      .references(() => ssoConnections.orgId, { onDelete: 'cascade' }),
  },
  (t) => [index('sso_domains_org_idx').on(t.orgId)],
)

/**
 * Sign-ins sent to a provider and not yet back: the state (hashed; the browser holds it in a cookie
 * too), nonce and PKCE verifier the answer is checked against. Taken once by deleting it.
 */
export const ssoSignIns = pgTable(
  'sso_sign_ins',
  {
    stateHash: text('state_hash').primaryKey(),
    orgId: text('org_id').notNull(),
    nonce: text('nonce').notNull(),
    codeVerifier: text('code_verifier').notNull(),
    returnTo: text('return_to'),
    expiresAt: timestamptz('expires_at').notNull(),
  },
  (t) => [index('sso_sign_ins_expiry_idx').on(t.expiresAt)],
)
