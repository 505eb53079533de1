// The signed-in user: one cached `GET /me`, what their role may do, and signing out.
import { queryOptions, useQueryClient, useSuspenseQuery } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useCallback } from 'react'
import { isPartnerRole, type MeView, type Role } from '../../../../src/modules/identity/identity.contract'
import { notifyError } from '../../ui/problem'
import { identityApi, identityKeys } from './identity-api'

export const meQuery = queryOptions({
  queryKey: identityKeys.me,
  queryFn: identityApi.me,
  staleTime: Number.POSITIVE_INFINITY,
  retry: false,
})

/** Only used below routes whose `beforeLoad` already loaded the session. */
export const useMe = (): MeView => useSuspenseQuery(meQuery).data

const writers: readonly Role[] = ['owner', 'admin', 'partner_manager']
const administrators: readonly Role[] = ['owner', 'admin']

export const isPartnerUser = (me: MeView): boolean => isPartnerRole(me.user.role)
/** Partners, deals and touchpoints may be changed by these roles. */
export const canEditRecords = (me: MeView): boolean => writers.includes(me.user.role)
/** Users, invitations and API keys are managed by these roles. */
export const canAdminister = (me: MeView): boolean => administrators.includes(me.user.role)

export const homeFor = (me: MeView): '/' | '/portal' => (isPartnerUser(me) ? '/portal' : '/')

export function useSignOut() {
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  return useCallback(async () => {
    try {
      await identityApi.logout()
    } catch (error) {
      notifyError(error, 'Could not sign out cleanly')
    }
    queryClient.clear()
    await navigate({ to: '/login' })
  }, [navigate, queryClient])
}
