// The one deps object every module receives, built the same way by every composition root.
import type { Db } from '../db/client'
import { findPartnerName } from '../modules/partners'
import type { ModuleDeps } from '../platform/module'

export function createModuleDeps(db: Db, settings: Omit<ModuleDeps, 'db' | 'partners'>): ModuleDeps {
  return {
    db,
    ...settings,
    // partner names for modules that come before partners (identity shows them on users and invitations)
    partners: { findPartner: (orgId, partnerId) => findPartnerName(db, orgId, partnerId) },
  }
}
