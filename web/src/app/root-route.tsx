// The root of the route tree and what every route can reach through its context.
import type { QueryClient } from '@tanstack/react-query'
import { createRootRouteWithContext, Outlet, redirect } from '@tanstack/react-router'
import type { MeView } from '../../../src/modules/identity/identity.contract'
import { meQuery } from '../features/identity/session'
import { isApiError } from '../ui/api-client'

export type RouterContext = { queryClient: QueryClient }

export const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
})

/** Loads the session for a protected area, sending visitors without one to the sign-in page. */
export async function requireSession(queryClient: QueryClient, href: string): Promise<MeView> {
  try {
    return await queryClient.ensureQueryData(meQuery)
  } catch (error) {
    if (isApiError(error, 401)) throw redirect({ to: '/login', search: { redirect: href } })
    throw error
  }
}
