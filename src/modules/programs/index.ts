// Programs: territories (owners, partners, rules, overlaps, matching accounts), training (courses,
// quizzes, certificates with expiry reminders), onboarding (workflows of steps, progress from the facts,
// reminders, activation), partner health (scores with reasons, daily snapshots, at-risk alerts),
// quarterly business reviews (versioned snapshots, PDF, portal sharing, scheduled each quarter) and
// partner tiers — ladders with criteria as data, evaluation on attributed revenue under the paying
// model and certified people, a preview of a draft ladder, proposals, grace periods and explained
// history (ADR 0012: the tier itself lives on the partner), and support tickets between partners and the
// partner team (a thread with internal notes, SLA targets, files). May import:
// identity, partners, journeys, credits, incentives, attribution, money, platform, db/client.
import type { ModuleDescriptor } from '../../platform/module'
import {
  evaluateJob,
  runEvaluation,
  runScheduledEvaluations,
  runStaleEvaluations,
} from './evaluations.service'
import { healthRefreshJob, refreshAllHealth } from './health/health.service'
import { onboardingIds } from './onboarding/onboarding.tables'
import { refreshOpenOnboarding } from './onboarding/onboarding-progress.service'
import { onboardingRemindersJob, remindOnboardingSteps } from './onboarding/onboarding-reminders.service'
import { programEvents } from './programs.events'
import { programsPermissions } from './programs.permissions'
import { programsRoutes } from './programs.routes'
import { programsSubscribers } from './programs.subscribers'
import { programIds } from './programs.tables'
import { qbrIds } from './qbr/qbr.tables'
import {
  generateScheduledQbrs,
  qbrRunJob,
  qbrScheduleJob,
  runQbrRun,
  runStaleQbrRuns,
} from './qbr/qbr-runs.service'
import { supportIds } from './support/support.tables'
import { certificateRemindersJob, remindExpiringCertificates } from './training/certificates.service'
import { trainingIds } from './training/training.tables'

export { computeOrgHealth } from './health/health.service'
export { createLadder } from './ladders.service'
export { setLeaderboardMembership, updateLeaderboardSettings } from './leaderboard/leaderboard.service'
export { noteDealRegistration } from './onboarding/onboarding-progress.service'
export { acceptAgreement, confirmStep } from './onboarding/onboarding-steps.service'
export { createWorkflow, publishWorkflow, updateWorkflow } from './onboarding/workflows.service'
export { generateQbr, shareQbr } from './qbr/qbr.service'
export { uploadAttachment } from './support/attachments.service'
export { addInternalNote, openTicket, replyToTicket, updateTicket } from './support/tickets.service'
export { createTerritory, matchAccountTerritories, type TerritoryRoute } from './territories.service'
export { evaluatePartners } from './tier-evaluation.service'
export { createCourse, publishCourse } from './training/courses.service'
export { openLesson, submitQuizAttempt } from './training/learning.service'
export { programEvents, programsPermissions }

export const programsModule: ModuleDescriptor = {
  name: 'programs',
  routes: programsRoutes,
  subscribers: programsSubscribers,
  jobs: [
    {
      name: evaluateJob,
      run: async (deps, data) => {
        await runEvaluation(deps.db, String(data.orgId), String(data.evaluationId), deps.clock)
      },
    },
    {
      name: 'programs.evaluate-sweep',
      cron: '* * * * *',
      run: async (deps) => {
        await runStaleEvaluations(deps.db, deps.clock)
      },
    },
    {
      // rolling periods move on and grace periods end with time alone
      name: 'programs.evaluate-nightly',
      cron: '40 2 * * *',
      run: async (deps) => {
        await runScheduledEvaluations(deps.db, deps.clock)
      },
    },
    {
      // certificates come within the reminder period with time alone
      name: certificateRemindersJob,
      cron: '25 * * * *',
      run: async (deps) => {
        await remindExpiringCertificates(deps.db, deps)
      },
    },
    {
      // steps fall due with time alone
      name: onboardingRemindersJob,
      cron: '35 * * * *',
      run: async (deps) => {
        await remindOnboardingSteps(deps.db, deps)
      },
    },
    {
      // tax forms and certificates expire with time alone, and a missed event is caught up
      name: 'programs.onboarding-refresh',
      cron: '50 3 * * *',
      run: async (deps) => {
        await refreshOpenOnboarding(deps.db, deps)
      },
    },
    {
      // revenue trends, recency and lapses move with time alone: every partner is scored each day
      name: healthRefreshJob,
      cron: '10 4 * * *',
      run: async (deps) => {
        await refreshAllHealth(deps.db, deps.clock)
      },
    },
    {
      name: qbrRunJob,
      run: async (deps, data) => {
        await runQbrRun(deps.db, String(data.orgId), String(data.runId), deps.clock)
      },
    },
    {
      name: 'programs.qbr-run-sweep',
      cron: '* * * * *',
      run: async (deps) => {
        await runStaleQbrRuns(deps.db, deps.clock)
      },
    },
    {
      // a quarter ends with time alone: the next days review it for every active partner without one
      name: qbrScheduleJob,
      cron: '15 5 * * *',
      run: async (deps) => {
        await generateScheduledQbrs(deps.db, deps.clock)
      },
    },
  ],
  permissions: programsPermissions.table,
  idPrefixes: {
    ...programIds.prefixes,
    ...trainingIds.prefixes,
    ...onboardingIds.prefixes,
    ...supportIds.prefixes,
    ...qbrIds.prefixes,
  },
  events: programEvents.types,
}
