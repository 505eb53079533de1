// The route tree: sign-in and invitation pages, the staff console and the partner portal.
import type { QueryClient } from '@tanstack/react-query'
import { createRoute, createRouter, redirect } from '@tanstack/react-router'
import type { MeView } from '../../../src/modules/identity/identity.contract'
import { AcceptInvitationPage } from '../features/identity/accept-invitation-page'
import { homeFor, meQuery } from '../features/identity/session'
import { SignInPage } from '../features/identity/sign-in-page'
import { EmptyHint } from '../ui/empty-hint'
import { AnchorLink } from '../ui/router-link'
import { consoleTree } from './console-routes'
import { portalTree } from './portal-routes'
import { rootRoute } from './root-route'

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'login',
  validateSearch: (search: Record<string, unknown>): { redirect?: string; sso_error?: string } => ({
    redirect: typeof search.redirect === 'string' ? search.redirect : undefined,
    // why a single sign-on came back without signing in (the server's redirect says)
    sso_error: typeof search.sso_error === 'string' ? search.sso_error.slice(0, 300) : undefined,
  }),
  beforeLoad: ({ context }) => {
    const me = context.queryClient.getQueryData<MeView>(meQuery.queryKey)
    if (me) throw redirect({ to: homeFor(me) })
  },
  component: function LoginRoute() {
    const { redirect: target, sso_error: ssoError } = loginRoute.useSearch()
    return <SignInPage redirect={target} ssoError={ssoError} />
  },
})

const inviteRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'invite/$token',
  component: function InviteRoute() {
    const { token } = inviteRoute.useParams()
    return <AcceptInvitationPage token={token} />
  },
})

const routeTree = rootRoute.addChildren([loginRoute, inviteRoute, consoleTree, portalTree])

function NotFoundPage() {
  return (
    <EmptyHint
      title="Page not found"
      description="The address may be mistyped, or the page has moved."
      action={<AnchorLink to="/">Go to the start page</AnchorLink>}
    />
  )
}

export const createAppRouter = (queryClient: QueryClient) =>
  createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    defaultPreloadStaleTime: 0,
    defaultNotFoundComponent: NotFoundPage,
    scrollRestoration: true,
  })

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>
  }
}
