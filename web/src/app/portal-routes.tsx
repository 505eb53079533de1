// The partner portal's routes: a layout that requires a partner user's session, and its pages.

import { createRoute, redirect } from '@tanstack/react-router'
import { PortalHome } from '../features/dashboard/portal-home'
import { PortalTeam } from '../features/identity/portal-team'
import { isPartnerUser } from '../features/identity/session'
import { PortalCommissions } from '../features/incentives/portal-commissions'
import { PortalDealDetail } from '../features/journeys/portal-deal-detail'
import { PortalDeals } from '../features/journeys/portal-deals'
import { PortalTouches } from '../features/journeys/portal-touches'
import { PortalOverlap } from '../features/overlap/portal-overlap'
import { PortalCourse } from '../features/programs/portal-course'
import { PortalLeaderboard } from '../features/programs/portal-leaderboard'
import { PortalOnboarding } from '../features/programs/portal-onboarding'
import { PortalTraining } from '../features/programs/portal-training'
import { PortalBusinessReview, PortalBusinessReviews } from '../features/programs/qbr-portal'
import { PortalRegistrations } from '../features/registrations/portal-registrations'
import { RegisterDealPage } from '../features/registrations/register-deal-page'
import { PortalSupport, PortalTicket } from '../features/support/portal-support'
import { PortalTaxForm } from '../features/tax/portal-tax-form'
import { PortalLayout } from './portal-layout'
import { requireSession, rootRoute } from './root-route'

const portalRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: 'portal',
  beforeLoad: async ({ context, location }) => {
    const me = await requireSession(context.queryClient, location.href)
    if (!isPartnerUser(me)) throw redirect({ to: '/' })
  },
  component: PortalLayout,
})

const portalHomeRoute = createRoute({ getParentRoute: () => portalRoute, path: '/', component: PortalHome })
const portalDealsRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'deals',
  component: PortalDeals,
})
const portalDealRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'deals/$dealId',
  component: function PortalDealRoute() {
    const { dealId } = portalDealRoute.useParams()
    return <PortalDealDetail key={dealId} dealId={dealId} />
  },
})
const portalTouchesRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'touches',
  component: PortalTouches,
})

const portalRegistrationsRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'registrations',
  component: PortalRegistrations,
})
const portalRegisterDealRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'registrations/new',
  component: RegisterDealPage,
})

const portalCommissionsRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'commissions',
  component: PortalCommissions,
})

const portalTrainingRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'training',
  component: PortalTraining,
})
const portalCourseRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'training/$courseId',
  component: function PortalCourseRoute() {
    const { courseId } = portalCourseRoute.useParams()
    return <PortalCourse key={courseId} courseId={courseId} />
  },
})

const portalOnboardingRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'onboarding',
  component: PortalOnboarding,
})

const portalSupportRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'support',
  component: PortalSupport,
})
const portalTicketRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'support/$ticketId',
  component: function PortalTicketRoute() {
    const { ticketId } = portalTicketRoute.useParams()
    return <PortalTicket key={ticketId} ticketId={ticketId} />
  },
})
const portalReviewsRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'business-reviews',
  component: PortalBusinessReviews,
})
const portalReviewRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'business-reviews/$reviewId',
  component: function PortalReviewRoute() {
    const { reviewId } = portalReviewRoute.useParams()
    return <PortalBusinessReview key={reviewId} reviewId={reviewId} />
  },
})

const portalTaxFormRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'tax-form',
  component: PortalTaxForm,
})

const portalLeaderboardRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'leaderboard',
  component: PortalLeaderboard,
})

const portalOverlapRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'account-mapping',
  component: PortalOverlap,
})

const portalTeamRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: 'team',
  component: PortalTeam,
})

export const portalTree = portalRoute.addChildren([
  portalHomeRoute,
  portalOverlapRoute,
  portalOnboardingRoute,
  portalDealsRoute,
  portalDealRoute,
  portalTouchesRoute,
  portalRegistrationsRoute,
  portalRegisterDealRoute,
  portalCommissionsRoute,
  portalTrainingRoute,
  portalCourseRoute,
  portalSupportRoute,
  portalTicketRoute,
  portalReviewsRoute,
  portalReviewRoute,
  portalTaxFormRoute,
  portalLeaderboardRoute,
  portalTeamRoute,
])
