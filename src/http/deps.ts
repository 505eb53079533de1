// The one deps object every module receives, built the same way by every composition root.
import type { Db } from '../db/client'
import { findPartnerName } from '../modules/partners'
import { type EventSignal, timerSignal } from '../platform/event-signal'
import type { ModuleDeps } from '../platform/module'
import { type FileStorage, unconfiguredFileStorage } from '../platform/storage'

export function createModuleDeps(
  db: Db,
  settings: Omit<ModuleDeps, 'db' | 'partners' | 'eventSignal' | 'files'> & {
    eventSignal?: EventSignal
    files?: FileStorage
  },
): ModuleDeps {
  return {
    db,
    ...settings,
    // commands that never handle uploads are built without storage
    files: settings.files ?? unconfiguredFileStorage,
    // commands and tests without a listener wait out their timeouts
    eventSignal: settings.eventSignal ?? timerSignal(),
    // partner names for modules that come before partners (identity shows them on users and invitations)
    partners: { findPartner: (orgId, partnerId) => findPartnerName(db, orgId, partnerId) },
  }
}
