// The org's support SLA settings: targets per priority, the warning hours and the team's address. Staff
// read them (every ticket's due times come from them); the partner team changes them, audited.
import { eq } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { AppError } from '../../../platform/app-error'
import { writeAudit } from '../../../platform/audit'
import type { Clock } from '../../../platform/clock'
import { actorLabel, type Scope } from '../../../platform/scope'
import { programsPermissions } from '../programs.permissions'
import { type SupportSettings, type SupportSettingsView, supportSettings } from './support.contract'
import { supportSettingsTable } from './support.tables'
import { defaultSupportSettings } from './support-rules'

async function readSettingsRow(db: Db, orgId: string) {
  const [row] = await db.select().from(supportSettingsTable).where(eq(supportSettingsTable.orgId, orgId))
  return row
}

/** The org's settings, or the defaults (a stored record that no longer parses falls back too). */
export async function readSupportSettings(db: Db, orgId: string): Promise<SupportSettings> {
  const row = await readSettingsRow(db, orgId)
  const parsed = row ? supportSettings.safeParse(row.settings) : null
  return parsed?.success ? parsed.data : defaultSupportSettings
}

export async function getSupportSettings(db: Db, scope: Scope): Promise<SupportSettingsView> {
  programsPermissions.require(scope, 'support.read')
  if (scope.partnerId) throw new AppError('FORBIDDEN', 'The support settings are read by staff')
  const row = await readSettingsRow(db, scope.orgId)
  return {
    settings: await readSupportSettings(db, scope.orgId),
    isDefault: !row,
    updatedAt: row?.updatedAt.toISOString() ?? null,
  }
}

export async function updateSupportSettings(
  db: Db,
  scope: Scope,
  input: SupportSettings,
  clock: Clock,
): Promise<SupportSettingsView> {
  programsPermissions.require(scope, 'support.manage')
  const now = clock.now()
  await db.transaction(async (tx) => {
    const before = await readSettingsRow(tx, scope.orgId)
    const values = { settings: input, updatedBy: actorLabel(scope.actor), updatedAt: now }
    await tx
      .insert(supportSettingsTable)
      .values({ orgId: scope.orgId, ...values })
      .onConflictDoUpdate({ target: supportSettingsTable.orgId, set: values })
    await writeAudit(
      tx,
      scope,
      {
        action: 'support.settings_changed',
        entityType: 'org',
        entityId: scope.orgId,
        before: before?.settings ?? defaultSupportSettings,
        after: input,
      },
      clock,
    )
  })
  return getSupportSettings(db, scope)
}
