// Programs routes: territories (territories.routes.ts), training (training/training.routes.ts), onboarding
// (onboarding/onboarding.routes.ts), health (health/health.routes.ts), the leaderboard
// (leaderboard/leaderboard.routes.ts), support tickets (support/support.routes.ts), business reviews
// (qbr/qbr.routes.ts), tier ladders with their versions, evaluations with progress, proposals staff
// decide, partners' tier standing and history, and a partner user's own tier. Thin: parse, call, return.
import { z } from 'zod'
import { type App, scopeOf } from '../../platform/http'
import type { ModuleDeps } from '../../platform/module'
import { idParam } from '../../platform/platform.contract'
import { evaluatePartnerNow, getEvaluation, listEvaluations, requestEvaluation } from './evaluations.service'
import { healthRoutes } from './health/health.routes'
import { previewLadder } from './ladder-preview.service'
import { createLadder, getLadder, listLadders, updateLadder } from './ladders.service'
import { leaderboardRoutes } from './leaderboard/leaderboard.routes'
import { onboardingRoutes } from './onboarding/onboarding.routes'
import {
  createLadderInput,
  decideProposalInput,
  evaluationView,
  ladderList,
  ladderPreviewInput,
  ladderPreviewView,
  ladderView,
  proposalPage,
  proposalQuery,
  proposalView,
  rejectProposalInput,
  tierListQuery,
  tierPage,
  tierStatusView,
  tierSummaryView,
  updateLadderInput,
} from './programs.contract'
import { approveProposal, listProposals, rejectProposal } from './proposals.service'
import { qbrRoutes } from './qbr/qbr.routes'
import { supportRoutes } from './support/support.routes'
import { territoriesRoutes } from './territories.routes'
import { getMyTier, getTierStatus, getTierSummary, listTiers } from './tier-status.service'
import { trainingRoutes } from './training/training.routes'

export function programsRoutes(app: App, deps: ModuleDeps) {
  const tags = ['programs']
  const { db, clock } = deps
  territoriesRoutes(app, deps)
  trainingRoutes(app, deps)
  onboardingRoutes(app, deps)
  healthRoutes(app, deps)
  leaderboardRoutes(app, deps)
  supportRoutes(app, deps)
  qbrRoutes(app, deps)

  app.get(
    '/programs/ladders',
    {
      schema: {
        summary: 'List tier ladders',
        description:
          'Every ladder with its versions, newest first: levels lowest first, each with its criteria.',
        tags,
        response: { 200: ladderList },
      },
    },
    (req) => listLadders(db, scopeOf(req)),
  )

  app.post(
    '/programs/ladders',
    {
      schema: {
        summary: 'Add a tier ladder',
        description:
          'Ordered levels (Bronze, Silver, Gold …), each with criteria as data that must all hold: attributed revenue and attributed deals over a rolling period, certifications, partner conditions in json-logic. Automatic or review mode, and a grace period for demotions. Every partner is evaluated against it in the background.',
        tags,
        body: createLadderInput,
        response: { 201: ladderView },
      },
    },
    async (req, reply) => reply.code(201).send(await createLadder(db, scopeOf(req), req.body, clock)),
  )

  app.post(
    '/programs/ladders/preview',
    {
      schema: {
        summary: 'Preview a tier ladder before saving it',
        description:
          'Tries a draft definition on every partner, as the evaluation would decide, without writing anything: how many partners the draft places, move up, move down, are at risk or leave the edited ladder, with the first 100 moves and their reasons. Give ladderId when editing a ladder: the draft takes its place.',
        tags,
        body: ladderPreviewInput,
        response: { 200: ladderPreviewView },
      },
    },
    (req) => previewLadder(db, scopeOf(req), req.body, clock),
  )

  app.get(
    '/programs/ladders/:id',
    {
      schema: {
        summary: 'Get a tier ladder',
        description: 'A ladder with the definition in force and every earlier version, newest first.',
        tags,
        params: idParam,
        response: { 200: ladderView },
      },
    },
    (req) => getLadder(db, scopeOf(req), req.params.id),
  )

  app.patch(
    '/programs/ladders/:id',
    {
      schema: {
        summary: 'Change a tier ladder',
        description:
          'A new definition is a new version (the old ones stay on record); switching a ladder off or on, or a new version, evaluates every partner again.',
        tags,
        params: idParam,
        body: updateLadderInput,
        response: { 200: ladderView },
      },
    },
    (req) => updateLadder(db, scopeOf(req), req.params.id, req.body, clock),
  )

  app.post(
    '/programs/evaluations',
    {
      schema: {
        summary: 'Evaluate every partner’s tier',
        description: 'Queues an org-wide tier evaluation in the background; poll it for progress.',
        tags,
        response: { 202: evaluationView },
      },
    },
    async (req, reply) => reply.code(202).send(await requestEvaluation(db, scopeOf(req), clock)),
  )

  app.get(
    '/programs/evaluations',
    {
      schema: {
        summary: 'Recent tier evaluations',
        description:
          'The org’s last 20 evaluations, newest first, with their progress and what they changed.',
        tags,
        response: { 200: z.object({ items: z.array(evaluationView) }) },
      },
    },
    (req) => listEvaluations(db, scopeOf(req)),
  )

  app.get(
    '/programs/evaluations/:id',
    {
      schema: {
        summary: 'A tier evaluation’s progress',
        description:
          'How many partners it has evaluated, how many tiers it changed and how many proposals it made.',
        tags,
        params: idParam,
        response: { 200: evaluationView },
      },
    },
    (req) => getEvaluation(db, scopeOf(req), req.params.id),
  )

  app.get(
    '/programs/proposals',
    {
      schema: {
        summary: 'Tier changes waiting for a decision',
        description:
          'Promotions and demotions proposed on ladders in review mode (pending by default), newest first, each with its reason and figures.',
        tags,
        querystring: proposalQuery,
        response: { 200: proposalPage },
      },
    },
    (req) => listProposals(db, scopeOf(req), req.query),
  )

  app.post(
    '/programs/proposals/:id/approve',
    {
      schema: {
        summary: 'Approve a tier proposal',
        description:
          'The partner’s tier changes as proposed, with the reason and the approver in its history and the audit log.',
        tags,
        params: idParam,
        body: decideProposalInput,
        response: { 200: proposalView },
      },
    },
    (req) => approveProposal(db, scopeOf(req), req.params.id, req.body.note, clock),
  )

  app.post(
    '/programs/proposals/:id/reject',
    {
      schema: {
        summary: 'Reject a tier proposal',
        description:
          'The partner keeps its tier; the same change is not proposed again until the partner’s figures call for something else.',
        tags,
        params: idParam,
        body: rejectProposalInput,
        response: { 200: proposalView },
      },
    },
    (req) => rejectProposal(db, scopeOf(req), req.params.id, req.body.reason, clock),
  )

  app.get(
    '/programs/tiers',
    {
      schema: {
        summary: 'Partners by tier',
        description:
          'Each evaluated partner’s tier, the level it qualifies for, its figures and progress to the next level, most attributed revenue first; filter by tier (or “none”) and at risk.',
        tags,
        querystring: tierListQuery,
        response: { 200: tierPage },
      },
    },
    (req) => listTiers(db, scopeOf(req), req.query),
  )

  app.get(
    '/programs/tiers/summary',
    {
      schema: {
        summary: 'Partners per tier level',
        description:
          'For each ladder in force: partners and attributed revenue per level; partners without a tier, at risk, and pending proposals.',
        tags,
        response: { 200: tierSummaryView },
      },
    },
    (req) => getTierSummary(db, scopeOf(req)),
  )

  app.get(
    '/programs/partners/:id/tier',
    {
      schema: {
        summary: 'A partner’s tier and progress',
        description:
          'Worked out now: the tier held, the level the partner qualifies for, each level’s criteria with progress (“$310K of $400K”), at risk until when, a pending proposal and the tier history. A partner user reads only their own.',
        tags,
        params: idParam,
        response: { 200: tierStatusView },
      },
    },
    (req) => getTierStatus(db, scopeOf(req), req.params.id, clock),
  )

  app.post(
    '/programs/partners/:id/tier/evaluate',
    {
      schema: {
        summary: 'Evaluate one partner’s tier now',
        description:
          'Brings the partner’s tier up to date with its figures at once (a change, a proposal on a review ladder, or nothing), and answers its standing.',
        tags,
        params: idParam,
        response: { 200: tierStatusView },
      },
    },
    (req) => evaluatePartnerNow(db, scopeOf(req), req.params.id, clock),
  )

  app.get(
    '/programs/my-tier',
    {
      schema: {
        summary: 'My partner’s tier and progress',
        description: 'For a partner user: their own partner’s tier, progress to the next level and history.',
        tags,
        response: { 200: tierStatusView },
      },
    },
    (req) => getMyTier(db, scopeOf(req), clock),
  )
}
