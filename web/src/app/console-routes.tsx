// The staff console's routes: a layout that requires a staff session, and its pages.
import { createRoute, lazyRouteComponent, Outlet, redirect } from '@tanstack/react-router'
import { useCallback } from 'react'
import { dealStatuses, dealTypes } from '../../../src/modules/journeys/journeys.contract'
import { partnerStatuses, partnerTypes } from '../../../src/modules/partners/partners.contract'
import { sortValues } from '../../../src/platform/platform.contract'
import { ConflictsPage } from '../features/conflicts/conflicts-page'
import { AttributionSettingsPage } from '../features/credits/attribution-settings-page'
import { type CreditFilter, isPeriodKey, readPartnerTypes } from '../features/credits/credit-filter'
import {
  CreditedDealsPage,
  type CreditedDealsSearch,
  creditedDealsSorts,
} from '../features/credits/credited-deals-page'
import { GoalsPage } from '../features/goals/goals-page'
import { ApiKeysPage } from '../features/identity/api-keys-page'
import { BrandingPage } from '../features/identity/branding-page'
import { DevMailPage } from '../features/identity/dev-mail-page'
import { isPartnerUser } from '../features/identity/session'
import { SsoPage } from '../features/identity/sso-page'
import { UsersPage } from '../features/identity/users-page'
import { ImportPage } from '../features/imports/import-page'
import { BatchPage } from '../features/incentives/batch-page'
import { CommissionsPage } from '../features/incentives/commissions-page'
import { DisputePage, DisputesPage } from '../features/incentives/disputes-page'
import { PayoutsPage } from '../features/incentives/payouts-page'
import { NewPlanPage, PlanPage, PlansPage } from '../features/incentives/plans-page'
import { ConnectionsPage } from '../features/integrations/connections-page'
import { WebhooksPage } from '../features/integrations/webhooks-page'
import { AccountDetail } from '../features/journeys/account-detail'
import { type AccountListSearch, AccountsList } from '../features/journeys/accounts-list'
import { DealDetail } from '../features/journeys/deal-detail'
import { type DealListSearch, DealsList } from '../features/journeys/deals-list'
import { NewDealPage } from '../features/journeys/new-deal-page'
import { LeadDetail } from '../features/leads/lead-detail'
import { LeadsPage } from '../features/leads/leads-page'
import { OverlapPage } from '../features/overlap/overlap-page'
import { PartnerDetail } from '../features/partners/partner-detail'
import { EditPartnerPage, NewPartnerPage } from '../features/partners/partner-pages'
import { type PartnerListSearch, PartnersList } from '../features/partners/partners-list'
import { CoursePage, NewCoursePage } from '../features/programs/course-pages'
import { CoursesPage } from '../features/programs/courses-page'
import { HealthPage } from '../features/programs/health-page'
import { LadderPage, NewLadderPage } from '../features/programs/ladder-pages'
import { LeaderboardPage } from '../features/programs/leaderboard-page'
import { NewWorkflowPage, WorkflowPage, WorkflowsPage } from '../features/programs/onboarding-pages'
import { QbrListPage, QbrReviewPage } from '../features/programs/qbr-pages'
import { TerritoriesPage } from '../features/programs/territories-page'
import { TiersPage } from '../features/programs/tiers-page'
import { RegistrationReview } from '../features/registrations/registration-review'
import { RegistrationsQueue } from '../features/registrations/registrations-queue'
import { TicketPage, TicketsPage } from '../features/support/tickets-page'
import { TaxReviewPage } from '../features/tax/tax-review-page'
import { parseSort } from '../ui/list-sort'
import { ConsoleLayout } from './console-layout'
import { requireSession, rootRoute } from './root-route'

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() ? value.trim() : undefined
const oneOf = <T extends string>(values: readonly T[], value: unknown): T | undefined =>
  values.find((candidate) => candidate === value)

// The sorts each list offers, as its contract declares them; the sort lives in the URL so that a
// reload or a shared link keeps the order.
const partnerSorts = sortValues(['name', 'createdAt', 'status'])
const accountSorts = sortValues(['name', 'createdAt'])
const dealSorts = sortValues(['openedAt', 'amount', 'name', 'stage', 'updatedAt'])

export const consoleRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'console',
  beforeLoad: async ({ context, location }) => {
    const me = await requireSession(context.queryClient, location.href)
    if (isPartnerUser(me)) throw redirect({ to: '/portal' })
  },
  component: ConsoleLayout,
})

/** A credit filter from a link: a model id, a known period, known partner types. */
const creditFilter = (search: Record<string, unknown>): CreditFilter => ({
  model: text(search.model),
  period: isPeriodKey(search.period) ? search.period : undefined,
  partnerType: readPartnerTypes(search.partnerType, partnerTypes),
})

// The dashboard's charts are the heaviest code; they load on their own. Its credit filter lives in
// the URL, so a shared link shows the same figures.
const dashboardRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: '/',
  validateSearch: creditFilter,
  component: lazyRouteComponent(() => import('../features/dashboard/dashboard-page'), 'DashboardPage'),
})

// the deals behind a credit figure, under the figure's filter
const creditedDealsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'attribution/deals',
  validateSearch: (search: Record<string, unknown>): CreditedDealsSearch => ({
    ...creditFilter(search),
    credited: text(search.credited),
    outcome: oneOf(['won', 'open', 'lost', 'closed'] as const, search.outcome),
    currency:
      typeof search.currency === 'string' && /^[A-Z]{3}$/.test(search.currency) ? search.currency : undefined,
    sort: parseSort(creditedDealsSorts, search.sort),
  }),
  component: function CreditedDealsRoute() {
    const search = creditedDealsRoute.useSearch()
    const navigate = creditedDealsRoute.useNavigate()
    const change = useCallback(
      (next: CreditedDealsSearch) => void navigate({ search: next, replace: true }),
      [navigate],
    )
    return <CreditedDealsPage search={search} onSearchChange={change} />
  },
})

const partnersRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'partners',
  component: Outlet,
})

const partnersIndexRoute = createRoute({
  getParentRoute: () => partnersRoute,
  path: '/',
  validateSearch: (search: Record<string, unknown>): PartnerListSearch => ({
    q: text(search.q),
    type: oneOf(partnerTypes, search.type),
    status: oneOf(partnerStatuses, search.status),
    tag: text(search.tag),
    sort: parseSort(partnerSorts, search.sort),
  }),
  component: function PartnersRoute() {
    const search = partnersIndexRoute.useSearch()
    const navigate = partnersIndexRoute.useNavigate()
    const change = useCallback(
      (next: PartnerListSearch) => void navigate({ search: next, replace: true }),
      [navigate],
    )
    return <PartnersList search={search} onSearchChange={change} />
  },
})

const newPartnerRoute = createRoute({
  getParentRoute: () => partnersRoute,
  path: 'new',
  component: NewPartnerPage,
})

const partnerRoute = createRoute({
  getParentRoute: () => partnersRoute,
  path: '$partnerId',
  component: function PartnerRoute() {
    const { partnerId } = partnerRoute.useParams()
    return <PartnerDetail key={partnerId} partnerId={partnerId} />
  },
})

const editPartnerRoute = createRoute({
  getParentRoute: () => partnersRoute,
  path: '$partnerId/edit',
  component: function EditPartnerRoute() {
    const { partnerId } = editPartnerRoute.useParams()
    return <EditPartnerPage partnerId={partnerId} />
  },
})

const dealsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'deals',
  validateSearch: (search: Record<string, unknown>): DealListSearch => ({
    q: text(search.q),
    status: oneOf(dealStatuses, search.status),
    type: oneOf(dealTypes, search.type),
    partnerId: text(search.partnerId),
    sort: parseSort(dealSorts, search.sort),
  }),
  component: function DealsRoute() {
    const search = dealsRoute.useSearch()
    const navigate = dealsRoute.useNavigate()
    const change = useCallback(
      (next: DealListSearch) => void navigate({ search: next, replace: true }),
      [navigate],
    )
    return <DealsList search={search} onSearchChange={change} />
  },
})

const newDealRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'deals/new',
  // an account's page links here with the account already chosen
  validateSearch: (search: Record<string, unknown>): { accountId?: string } => ({
    accountId: text(search.accountId),
  }),
  component: function NewDealRoute() {
    const { accountId } = newDealRoute.useSearch()
    return <NewDealPage accountId={accountId} />
  },
})

const dealRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'deals/$dealId',
  component: function DealRoute() {
    const { dealId } = dealRoute.useParams()
    return <DealDetail key={dealId} dealId={dealId} />
  },
})

const accountsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'accounts',
  validateSearch: (search: Record<string, unknown>): AccountListSearch => ({
    q: text(search.q),
    sort: parseSort(accountSorts, search.sort),
  }),
  component: function AccountsRoute() {
    const search = accountsRoute.useSearch()
    const navigate = accountsRoute.useNavigate()
    const change = useCallback(
      (next: AccountListSearch) => void navigate({ search: next, replace: true }),
      [navigate],
    )
    return <AccountsList search={search} onSearchChange={change} />
  },
})

const accountRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'accounts/$accountId',
  component: function AccountRoute() {
    const { accountId } = accountRoute.useParams()
    return <AccountDetail key={accountId} accountId={accountId} />
  },
})

const usersRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'settings/users',
  component: UsersPage,
})
const brandingRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'settings/branding',
  component: BrandingPage,
})
const ssoRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'settings/sso',
  component: SsoPage,
})

const webhooksRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'settings/webhooks',
  component: WebhooksPage,
})

const integrationsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'settings/integrations',
  component: ConnectionsPage,
})
const apiKeysRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'settings/api-keys',
  component: ApiKeysPage,
})
const attributionSettingsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'settings/attribution',
  component: AttributionSettingsPage,
})
// the comparison's charts load on their own, like the dashboard's
const comparisonRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'attribution/comparison',
  component: lazyRouteComponent(
    () => import('../features/credits/model-comparison-page'),
    'ModelComparisonPage',
  ),
})
const importRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'settings/import',
  component: ImportPage,
})
const taxRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'tax',
  component: TaxReviewPage,
})
const devMailRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'settings/dev-mail',
  component: DevMailPage,
})

const commissionsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'commissions',
  component: CommissionsPage,
})
const plansRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'commissions/plans',
  component: PlansPage,
})
const newPlanRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'commissions/plans/new',
  component: NewPlanPage,
})
const planRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'commissions/plans/$planId',
  component: function PlanRoute() {
    const { planId } = planRoute.useParams()
    return <PlanPage key={planId} planId={planId} />
  },
})

const disputesRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'commissions/disputes',
  component: DisputesPage,
})
const disputeRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'commissions/disputes/$disputeId',
  component: function DisputeRoute() {
    const { disputeId } = disputeRoute.useParams()
    return <DisputePage key={disputeId} disputeId={disputeId} />
  },
})

const payoutsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'payouts',
  component: PayoutsPage,
})
const batchRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'payouts/$batchId',
  component: function BatchRoute() {
    const { batchId } = batchRoute.useParams()
    return <BatchPage key={batchId} batchId={batchId} />
  },
})

const tiersRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'tiers',
  component: TiersPage,
})
const territoriesRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'territories',
  component: TerritoriesPage,
})
const newLadderRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'tiers/ladders/new',
  component: NewLadderPage,
})
const ladderRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'tiers/ladders/$ladderId',
  component: function LadderRoute() {
    const { ladderId } = ladderRoute.useParams()
    return <LadderPage key={ladderId} ladderId={ladderId} />
  },
})

const trainingRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'training',
  component: CoursesPage,
})
const newCourseRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'training/courses/new',
  component: NewCoursePage,
})
const courseRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'training/courses/$courseId',
  component: function CourseRoute() {
    const { courseId } = courseRoute.useParams()
    return <CoursePage key={courseId} courseId={courseId} />
  },
})

const healthRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'health',
  component: HealthPage,
})

const leaderboardRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'leaderboard',
  component: LeaderboardPage,
})

const ticketsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'support',
  component: TicketsPage,
})
const ticketRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'support/$ticketId',
  component: function TicketRoute() {
    const { ticketId } = ticketRoute.useParams()
    return <TicketPage key={ticketId} ticketId={ticketId} />
  },
})
const reviewsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'business-reviews',
  component: QbrListPage,
})
const reviewRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'business-reviews/$reviewId',
  component: function ReviewRoute() {
    const { reviewId } = reviewRoute.useParams()
    return <QbrReviewPage key={reviewId} reviewId={reviewId} />
  },
})

const onboardingRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'onboarding',
  component: WorkflowsPage,
})
const newWorkflowRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'onboarding/new',
  component: NewWorkflowPage,
})
const workflowRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'onboarding/$workflowId',
  component: function WorkflowRoute() {
    const { workflowId } = workflowRoute.useParams()
    return <WorkflowPage key={workflowId} workflowId={workflowId} />
  },
})

const registrationsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'registrations',
  component: RegistrationsQueue,
})
const registrationRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'registrations/$registrationId',
  component: function RegistrationRoute() {
    const { registrationId } = registrationRoute.useParams()
    return <RegistrationReview key={registrationId} registrationId={registrationId} />
  },
})

const forecastRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'forecast',
  // charts load with the page that draws them
  component: lazyRouteComponent(() => import('../features/forecast/forecast-page'), 'ForecastPage'),
})

const waterfallRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'waterfall',
  component: lazyRouteComponent(() => import('../features/forecast/forecast-page'), 'WaterfallPage'),
})

const overlapRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'overlap',
  component: OverlapPage,
})

const conflictsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'channel-conflicts',
  component: ConflictsPage,
})

const goalsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'goals',
  component: GoalsPage,
})

const leadsRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'leads',
  component: LeadsPage,
})
const leadRoute = createRoute({
  getParentRoute: () => consoleRoute,
  path: 'leads/$leadId',
  component: function LeadRoute() {
    const { leadId } = leadRoute.useParams()
    return <LeadDetail key={leadId} leadId={leadId} />
  },
})

export const consoleTree = consoleRoute.addChildren([
  dashboardRoute,
  partnersRoute.addChildren([partnersIndexRoute, newPartnerRoute, partnerRoute, editPartnerRoute]),
  dealsRoute,
  newDealRoute,
  dealRoute,
  accountsRoute,
  accountRoute,
  usersRoute,
  apiKeysRoute,
  webhooksRoute,
  integrationsRoute,
  brandingRoute,
  ssoRoute,
  attributionSettingsRoute,
  comparisonRoute,
  creditedDealsRoute,
  importRoute,
  devMailRoute,
  commissionsRoute,
  plansRoute,
  newPlanRoute,
  planRoute,
  disputesRoute,
  disputeRoute,
  payoutsRoute,
  batchRoute,
  taxRoute,
  tiersRoute,
  healthRoute,
  leaderboardRoute,
  ticketsRoute,
  ticketRoute,
  reviewsRoute,
  reviewRoute,
  territoriesRoute,
  newLadderRoute,
  ladderRoute,
  trainingRoute,
  newCourseRoute,
  courseRoute,
  onboardingRoute,
  newWorkflowRoute,
  workflowRoute,
  registrationsRoute,
  registrationRoute,
  leadsRoute,
  leadRoute,
  forecastRoute,
  waterfallRoute,
  overlapRoute,
  conflictsRoute,
  goalsRoute,
])
