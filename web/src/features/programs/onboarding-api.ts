// Onboarding: workflows staff keep and publish, every partner's progress through one, a partner's own
// onboarding, and the actions on a step (accept an agreement, confirm or tick a custom step).
import type { MeView, Role } from '../../../../src/modules/identity/identity.contract'
import type {
  CreateWorkflowInput,
  PartnerOnboardingView,
  StepProgressView,
  UpdateWorkflowInput,
  WorkflowProgressQuery,
  WorkflowProgressView,
  WorkflowView,
} from '../../../../src/modules/programs/onboarding/onboarding.contract'
import { http } from '../../ui/api-client'

const stepPath = (workflowId: string, partnerId: string, stepId: string, action: 'accept' | 'confirm') =>
  `/programs/onboarding/workflows/${workflowId}/partners/${partnerId}/steps/${stepId}/${action}`

export const onboardingApi = {
  workflows: () => http.get<{ items: WorkflowView[] }>('/programs/onboarding/workflows'),
  workflow: (id: string) => http.get<WorkflowView>(`/programs/onboarding/workflows/${id}`),
  create: (input: CreateWorkflowInput) => http.post<WorkflowView>('/programs/onboarding/workflows', input),
  update: (id: string, input: UpdateWorkflowInput) =>
    http.patch<WorkflowView>(`/programs/onboarding/workflows/${id}`, input),
  publish: (id: string) => http.post<WorkflowView>(`/programs/onboarding/workflows/${id}/publish`),
  archive: (id: string) => http.post<WorkflowView>(`/programs/onboarding/workflows/${id}/archive`),
  progress: (id: string, status: WorkflowProgressQuery['status'] = 'all') =>
    http.get<WorkflowProgressView>(`/programs/onboarding/workflows/${id}/progress`, { status }),
  partner: (partnerId: string) =>
    http.get<PartnerOnboardingView>(`/programs/partners/${partnerId}/onboarding`),
  accept: (workflowId: string, partnerId: string, step: StepProgressView) =>
    http.post<PartnerOnboardingView>(stepPath(workflowId, partnerId, step.id, 'accept'), {
      documentHash: step.documentHash,
    }),
  confirm: (workflowId: string, partnerId: string, stepId: string) =>
    http.post<PartnerOnboardingView>(stepPath(workflowId, partnerId, stepId, 'confirm')),
  untick: (workflowId: string, partnerId: string, stepId: string) =>
    http.delete(stepPath(workflowId, partnerId, stepId, 'confirm')),
}

export const onboardingKeys = {
  all: ['onboarding'] as const,
  workflows: ['onboarding', 'workflows'] as const,
  workflow: (id: string) => ['onboarding', 'workflow', id] as const,
  progress: (id: string, status: string) => ['onboarding', 'progress', id, status] as const,
  partner: (partnerId: string) => ['onboarding', 'partner', partnerId] as const,
}

const keeperRoles: readonly Role[] = ['owner', 'admin', 'partner_manager']

/** Workflows are written and published, and custom steps ticked, by these roles (the server checks again). */
export const canKeepOnboarding = (me: MeView): boolean => keeperRoles.includes(me.user.role)
