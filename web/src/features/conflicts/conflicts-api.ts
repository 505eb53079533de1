// Channel conflicts: accounts several partners are working, and staff's decision on each.
import type { MeView, Role } from '../../../../src/modules/identity/identity.contract'
import type {
  ChannelConflictView,
  ConflictsQuery,
  DecideConflictInput,
} from '../../../../src/modules/revenue/conflicts/channel-conflicts.contract'
import { http } from '../../ui/api-client'

export const conflictsApi = {
  list: (status: ConflictsQuery['status']) =>
    http.get<{ items: ChannelConflictView[]; total: number }>('/channel-conflicts', { status, limit: 50 }),
  decide: (key: string, input: DecideConflictInput) =>
    http.post<ChannelConflictView>(`/channel-conflicts/${key}/decision`, input),
}

export const conflictKeys = {
  all: ['channel-conflicts'] as const,
  list: (status: ConflictsQuery['status']) => ['channel-conflicts', status] as const,
}

const deciders: readonly Role[] = ['owner', 'admin', 'partner_manager']

/** Conflicts are decided by these roles (the server checks again). */
export const canDecideConflicts = (me: MeView): boolean => deciders.includes(me.user.role)
