// An org's white label: staff (settings.write) set the program's name, colour, portal domain and logo;
// everyone signed in reads them (the portal dresses itself in them); the sign-in page on a portal
// domain reads them without a session; mail is sent in them. Every change is audited.
import { createHash } from 'node:crypto'
import { eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { AppError, invalidField } from '../../platform/app-error'
import { writeAudit } from '../../platform/audit'
import type { Clock } from '../../platform/clock'
import { isUniqueViolation } from '../../platform/database-error'
import type { MailBrand } from '../../platform/mail'
import { actorLabel, type Scope } from '../../platform/scope'
import {
  type BrandingView,
  type LogoInput,
  maxLogoBytes,
  type PublicBrandingView,
  type UpdateBrandingInput,
} from './branding.contract'
import { orgBranding, orgs } from './identity.tables'
import { identityPermissions } from './permissions'

type BrandingRow = typeof orgBranding.$inferSelect

const logoPath = (hash: string) => `/api/v1/branding/logos/${hash}`

const toView = (row: BrandingRow | undefined): BrandingView => ({
  programName: row?.programName ?? null,
  primaryColor: row?.primaryColor ?? null,
  portalDomain: row?.portalDomain ?? null,
  logoUrl: row?.logoHash ? logoPath(row.logoHash) : null,
  updatedAt: row?.updatedAt.toISOString() ?? null,
})

async function readRow(db: Db, orgId: string): Promise<BrandingRow | undefined> {
  const [row] = await db.select().from(orgBranding).where(eq(orgBranding.orgId, orgId))
  return row
}

export async function getBranding(db: Db, scope: Scope): Promise<BrandingView> {
  return toView(await readRow(db, scope.orgId))
}

/** Writes a change to the org's branding in one transaction, audited with what it was and what it is. */
async function changeBranding(
  db: Db,
  scope: Scope,
  clock: Clock,
  action: string,
  set: Partial<Omit<BrandingRow, 'orgId' | 'updatedBy' | 'updatedAt'>>,
): Promise<BrandingView> {
  identityPermissions.require(scope, 'settings.write')
  const now = clock.now()
  const by = actorLabel(scope.actor)
  try {
    await db.transaction(async (tx) => {
      const before = toView(await readRow(tx, scope.orgId))
      await tx
        .insert(orgBranding)
        .values({ orgId: scope.orgId, ...set, updatedBy: by, updatedAt: now })
        .onConflictDoUpdate({ target: orgBranding.orgId, set: { ...set, updatedBy: by, updatedAt: now } })
      const after = toView(await readRow(tx, scope.orgId))
      const { updatedAt: _b, ...was } = before
      const { updatedAt: _a, ...is } = after
      await writeAudit(
        tx,
        scope,
        { action, entityType: 'org', entityId: scope.orgId, before: was, after: is },
        clock,
      )
    })
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError('CONFLICT', 'Another org’s portal already uses this domain', [
        { path: 'portalDomain', message: 'is the portal domain of another org' },
      ])
    throw error
  }
  return getBranding(db, scope)
}

export const updateBranding = (db: Db, scope: Scope, input: UpdateBrandingInput, clock: Clock) =>
  changeBranding(db, scope, clock, 'org.branding_changed', input)

const signatures: Record<LogoInput['contentType'], (bytes: Buffer) => boolean> = {
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/webp': (b) =>
    b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
}

/** Replaces the org's logo: an image of the declared type (checked by its first bytes), 256 KB at most. */
export async function setLogo(db: Db, scope: Scope, input: LogoInput, clock: Clock): Promise<BrandingView> {
  identityPermissions.require(scope, 'settings.write')
  const bytes = Buffer.from(input.dataBase64, 'base64')
  if (bytes.length === 0) throw invalidField('dataBase64', 'is empty')
  if (bytes.length > maxLogoBytes)
    throw invalidField('dataBase64', `is ${bytes.length} bytes; at most ${maxLogoBytes}`)
  if (!signatures[input.contentType](bytes))
    throw invalidField(
      'dataBase64',
      `is not a ${input.contentType.replace('image/', '').toUpperCase()} image`,
    )
  return changeBranding(db, scope, clock, 'org.logo_changed', {
    logoBase64: bytes.toString('base64'),
    logoType: input.contentType,
    logoHash: createHash('sha256').update(bytes).digest('hex'),
  })
}

export const removeLogo = (db: Db, scope: Scope, clock: Clock) =>
  changeBranding(db, scope, clock, 'org.logo_changed', { logoBase64: null, logoType: null, logoHash: null })

/** A logo by its content's sha256 (logos are public: mail shows them), or null. */
export async function readLogo(db: Db, hash: string): Promise<{ type: string; bytes: Buffer } | null> {
  const [row] = await db
    .select({ data: orgBranding.logoBase64, type: orgBranding.logoType })
    .from(orgBranding)
    .where(eq(orgBranding.logoHash, hash))
    .limit(1)
  return row?.data && row.type ? { type: row.type, bytes: Buffer.from(row.data, 'base64') } : null
}

/** The branding of the org whose portal domain the request came to (no session needed), or none. */
export async function brandingForHost(db: Db, host: string | undefined): Promise<PublicBrandingView> {
  const domain = host?.toLowerCase().replace(/:\d+$/, '') ?? ''
  const [row] = domain
    ? await db
        .select({ branding: orgBranding, orgName: orgs.name })
        .from(orgBranding)
        .innerJoin(orgs, eq(orgs.id, orgBranding.orgId))
        .where(eq(orgBranding.portalDomain, domain))
    : []
  const { updatedAt: _, ...view } = toView(row?.branding)
  return { ...view, orgName: row?.orgName ?? null }
}

/**
 * How the org's mail is dressed: its program's name (or the org's) as the sender's name, its colour
 * and logo, and its portal domain in place of the platform's address in every link.
 */
export async function mailBrand(db: Db, orgId: string, publicUrl: string): Promise<MailBrand | null> {
  const [row] = await db
    .select({ branding: orgBranding, orgName: orgs.name })
    .from(orgBranding)
    .innerJoin(orgs, eq(orgs.id, orgBranding.orgId))
    .where(eq(orgBranding.orgId, orgId))
  if (!row) return null
  const { branding } = row
  const base = new URL(publicUrl)
  return {
    name: branding.programName ?? row.orgName,
    color: branding.primaryColor,
    logoUrl: branding.logoHash ? new URL(logoPath(branding.logoHash), base).toString() : null,
    links: branding.portalDomain
      ? { from: base.origin, to: `${base.protocol}//${branding.portalDomain}` }
      : null,
  }
}
