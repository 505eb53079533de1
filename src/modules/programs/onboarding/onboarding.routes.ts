// Onboarding routes: staff keep workflows (draft, publish, archive) and follow every partner's progress;
// a partner's onboarding as each caller may see it; a partner admin accepts agreements and confirms
// custom steps, staff tick and untick them. Thin: parse, call, return.
import type { App } from '../../../platform/http'
import { scopeOf } from '../../../platform/http'
import type { ModuleDeps } from '../../../platform/module'
import { idParam } from '../../../platform/platform.contract'
import {
  acceptAgreementInput,
  createWorkflowInput,
  partnerOnboardingView,
  stepParams,
  updateWorkflowInput,
  workflowList,
  workflowProgressQuery,
  workflowProgressView,
  workflowView,
} from './onboarding.contract'
import { acceptAgreement, confirmStep, untickStep } from './onboarding-steps.service'
import { getPartnerOnboarding, getWorkflowProgress } from './onboarding-views.service'
import {
  archiveWorkflow,
  createWorkflow,
  getWorkflow,
  listWorkflows,
  publishWorkflow,
  updateWorkflow,
} from './workflows.service'

export function onboardingRoutes(app: App, deps: ModuleDeps) {
  const tags = ['programs']
  const { db, clock } = deps

  app.get(
    '/programs/onboarding/workflows',
    {
      schema: {
        summary: 'List onboarding workflows',
        description:
          'Every onboarding workflow by name: its draft steps and audience, the version partners follow, and how many partners are enrolled, activated and overdue. Staff who run the program only.',
        tags,
        response: { 200: workflowList },
      },
    },
    (req) => listWorkflows(db, scopeOf(req), clock),
  )

  app.post(
    '/programs/onboarding/workflows',
    {
      schema: {
        summary: 'Add an onboarding workflow',
        description:
          'A draft workflow: a name, an audience (partner types and tags; empty lists match every partner) and steps in order — an agreement to accept, profile fields, a tax form, a course certificate, a first deal registration or a custom step — each optionally due some days after enrolment.',
        tags,
        body: createWorkflowInput,
        response: { 201: workflowView },
      },
    },
    async (req, reply) => reply.code(201).send(await createWorkflow(db, scopeOf(req), req.body, clock)),
  )

  app.get(
    '/programs/onboarding/workflows/:id',
    {
      schema: {
        summary: 'Get an onboarding workflow',
        description:
          'The workflow’s draft, the version partners follow, whether the draft differs from it, and the counts of partners enrolled, activated and overdue.',
        tags,
        params: idParam,
        response: { 200: workflowView },
      },
    },
    (req) => getWorkflow(db, scopeOf(req), req.params.id, clock),
  )

  app.patch(
    '/programs/onboarding/workflows/:id',
    {
      schema: {
        summary: 'Change an onboarding workflow',
        description:
          'Changes the draft: steps sent with their id keep it (and partners’ progress on them), steps left out are removed, the order given is kept. Partners follow the change once it is published.',
        tags,
        params: idParam,
        body: updateWorkflowInput,
        response: { 200: workflowView },
      },
    },
    (req) => updateWorkflow(db, scopeOf(req), req.params.id, req.body, clock),
  )

  app.post(
    '/programs/onboarding/workflows/:id/publish',
    {
      schema: {
        summary: 'Publish an onboarding workflow',
        description:
          'Makes the draft the next version: every partner of the audience is enrolled, unfinished enrolments move to it, and each partner’s progress is worked out from the facts at once.',
        tags,
        params: idParam,
        response: { 200: workflowView },
      },
    },
    (req) => publishWorkflow(db, scopeOf(req), req.params.id, deps),
  )

  app.post(
    '/programs/onboarding/workflows/:id/archive',
    {
      schema: {
        summary: 'Archive an onboarding workflow',
        description:
          'No partner is enrolled in the workflow any more and partners no longer see it; the progress and activations recorded stay.',
        tags,
        params: idParam,
        response: { 200: workflowView },
      },
    },
    (req) => archiveWorkflow(db, scopeOf(req), req.params.id, clock),
  )

  app.get(
    '/programs/onboarding/workflows/:id/progress',
    {
      schema: {
        summary: 'Partners’ progress through a workflow',
        description:
          'Each enrolled partner with its required steps done in percent, overdue steps and activation; filter to those still onboarding, activated or overdue.',
        tags,
        params: idParam,
        querystring: workflowProgressQuery,
        response: { 200: workflowProgressView },
      },
    },
    (req) => getWorkflowProgress(db, scopeOf(req), req.params.id, req.query, clock),
  )

  app.get(
    '/programs/partners/:id/onboarding',
    {
      schema: {
        summary: 'A partner’s onboarding',
        description:
          'Every workflow the partner is enrolled in, each step with its due day, status and when and by whom it was completed, and what the caller may do on it. A partner user reads only their own partner.',
        tags,
        params: idParam,
        response: { 200: partnerOnboardingView },
      },
    },
    (req) => getPartnerOnboarding(db, scopeOf(req), req.params.id, clock),
  )

  app.post(
    '/programs/onboarding/workflows/:id/partners/:partnerId/steps/:stepId/accept',
    {
      schema: {
        summary: 'Accept an onboarding agreement',
        description:
          'The partner admin accepts the agreement for their partner: who accepted, when, and the version of the text (its hash, which must match the text shown) are recorded and audited.',
        tags,
        params: stepParams,
        body: acceptAgreementInput,
        response: { 200: partnerOnboardingView },
      },
    },
    (req) =>
      acceptAgreement(
        db,
        scopeOf(req),
        req.params.id,
        req.params.partnerId,
        req.params.stepId,
        req.body,
        deps,
      ),
  )

  app.post(
    '/programs/onboarding/workflows/:id/partners/:partnerId/steps/:stepId/confirm',
    {
      schema: {
        summary: 'Confirm a custom onboarding step',
        description:
          'Marks a custom step done: the partner admin confirms a step the partner may confirm; staff who run the program tick any custom step off. Confirming again changes nothing.',
        tags,
        params: stepParams,
        response: { 200: partnerOnboardingView },
      },
    },
    (req) => confirmStep(db, scopeOf(req), req.params.id, req.params.partnerId, req.params.stepId, deps),
  )

  app.delete(
    '/programs/onboarding/workflows/:id/partners/:partnerId/steps/:stepId/confirm',
    {
      schema: {
        summary: 'Untick a custom onboarding step',
        description:
          'Staff take back a custom step’s confirmation while the partner has not completed the workflow; once activated, its steps stay as they were.',
        tags,
        params: stepParams,
        response: { 200: partnerOnboardingView },
      },
    },
    (req) => untickStep(db, scopeOf(req), req.params.id, req.params.partnerId, req.params.stepId, deps),
  )
}
