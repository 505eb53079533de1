// Partner goals: a quarter's targets with progress and the chance of reaching them, set by managers.
import type { MeView, Role } from '../../../../src/modules/identity/identity.contract'
import type { GoalView, SetGoalInput } from '../../../../src/modules/revenue/goals/goals.contract'
import { http } from '../../ui/api-client'

export const goalsApi = {
  list: (quarter?: string) => http.get<{ items: GoalView[] }>('/goals', { quarter }),
  set: (input: SetGoalInput) => http.put<GoalView>('/goals', input),
  remove: (id: string) => http.delete(`/goals/${id}`),
}

export const goalKeys = {
  all: ['goals'] as const,
  list: (quarter?: string) => ['goals', quarter ?? 'current'] as const,
}

const setters: readonly Role[] = ['owner', 'admin', 'partner_manager']

/** Goals are set by these roles (the server checks again). */
export const canSetGoals = (me: MeView): boolean => setters.includes(me.user.role)
