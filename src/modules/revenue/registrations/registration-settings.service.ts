// An org's deal registration rules: how long staff have to review, how long an approval protects the
// account, and how far and how often staff may extend it. An org that never set them has the defaults.
import { eq } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { writeAudit } from '../../../platform/audit'
import type { Clock } from '../../../platform/clock'
import { actorLabel, type Scope } from '../../../platform/scope'
import { revenuePermissions } from '../revenue.permissions'
import { type RegistrationSettings, registrationDefaults } from './registrations.contract'
import { registrationSettings } from './registrations.tables'

export async function readRegistrationSettings(db: Db, orgId: string): Promise<RegistrationSettings> {
  const [row] = await db.select().from(registrationSettings).where(eq(registrationSettings.orgId, orgId))
  if (!row) return { ...registrationDefaults }
  return {
    reviewSlaHours: row.reviewSlaHours,
    protectionDays: row.protectionDays,
    extensionDays: row.extensionDays,
    maxExtensions: row.maxExtensions,
  }
}

export async function getRegistrationSettings(db: Db, scope: Scope): Promise<RegistrationSettings> {
  revenuePermissions.require(scope, 'registrations.read')
  return readRegistrationSettings(db, scope.orgId)
}

/** New rules apply to what happens next: registrations already due or protected keep their dates. */
export async function updateRegistrationSettings(
  db: Db,
  scope: Scope,
  input: RegistrationSettings,
  clock: Clock,
): Promise<RegistrationSettings> {
  revenuePermissions.require(scope, 'registrations.review')
  await db.transaction(async (tx) => {
    const before = await readRegistrationSettings(tx, scope.orgId)
    const row = { ...input, updatedAt: clock.now(), updatedBy: actorLabel(scope.actor) }
    await tx
      .insert(registrationSettings)
      .values({ orgId: scope.orgId, ...row })
      .onConflictDoUpdate({ target: registrationSettings.orgId, set: row })
    await writeAudit(
      tx,
      scope,
      {
        action: 'registration_settings.changed',
        entityType: 'registration_settings',
        entityId: scope.orgId,
        before,
        after: input,
      },
      clock,
    )
  })
  return readRegistrationSettings(db, scope.orgId)
}
