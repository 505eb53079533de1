// The demo org's onboarding, so the console's workflows, progress and partner pages and the portal's
// next steps have something to show: a reseller and referral workflow published three months ago and
// again three weeks ago with a tax form and a course added. A few partners finished the first version
// and were activated; others accepted the agreement and stopped midway, their tax form now overdue;
// the demo partner has its kickoff call and a certified seller but has not accepted the agreement yet.
import type { Db } from '../db/client'
import { createUser } from '../modules/identity'
import {
  acceptAgreement,
  confirmStep,
  createWorkflow,
  publishWorkflow,
  updateWorkflow,
} from '../modules/programs'
import type { OnboardingStepInput } from '../modules/programs/onboarding/onboarding.contract'
import { fixedClock } from '../platform/clock'
import type { Scope } from '../platform/scope'

const day = 86_400_000

const agreementText = [
  'Northwind Cloud partner agreement (2026 edition)',
  '',
  '1. The partner may resell and refer Northwind Cloud in its territory.',
  '2. Commissions follow the credit the attribution model gives the partner’s touches.',
  '3. Deal registrations protect an opportunity for 90 days once approved.',
  '4. Either side may end the agreement with 30 days’ notice.',
].join('\n')

const firstSteps: OnboardingStepInput[] = [
  {
    kind: 'agreement',
    title: 'Accept the partner agreement',
    description: 'Read the terms of the program and accept them for your company.',
    documentTitle: 'Partner agreement',
    documentText: agreementText,
    dueInDays: 7,
  },
  {
    kind: 'profile',
    title: 'Complete your company profile',
    description: 'Your website, country and a contact we can write to.',
    fields: ['website', 'country', 'contact'],
    dueInDays: 14,
  },
  {
    kind: 'custom',
    title: 'Kickoff call with your partner manager',
    confirmedBy: 'staff',
    dueInDays: 21,
  },
  {
    kind: 'deal_registration',
    title: 'Register your first deal',
    isRequired: false,
    dueInDays: 60,
  },
]

export async function seedDemoOnboarding(
  db: Db,
  scope: Scope,
  options: {
    asOf: Date
    managerId: string
    demoPartner: { id: string; name: string }
    /** Resellers and referral partners other than the demo partner, oldest first. */
    partners: readonly { id: string; name: string; status: string; since: Date }[]
    essentialsCourseId: string
  },
): Promise<void> {
  const { asOf } = options
  const at = (daysAgo: number) => fixedClock(new Date(asOf.getTime() - daysAgo * day + 10 * 3_600_000))
  const staff: Scope = {
    orgId: scope.orgId,
    actor: { type: 'user', id: options.managerId, role: 'partner_manager' },
  }
  const workflow = await createWorkflow(
    db,
    staff,
    {
      name: 'Reseller and referral onboarding',
      description: 'What a new reseller or referral partner does in its first months.',
      audience: { types: ['reseller', 'referral'], tags: [] },
      steps: firstSteps,
    },
    at(95),
  )
  await publishWorkflow(db, staff, workflow.id, { clock: at(90) })
  const [agreement, , kickoff] = workflow.steps

  const adminOf = async (partner: { id: string; name: string }, name: string) => {
    const slug = partner.name.toLowerCase().replace(/[^a-z0-9]+/g, '')
    const user = await createUser(
      db,
      scope,
      {
        email: `${name.split(' ')[0]!.toLowerCase()}@${slug}.demo.credence.dev`,
        name,
        password: 'credence-demo',
        role: 'partner_admin',
        partnerId: partner.id,
      },
      { clock: at(100), partners: { findPartner: async () => partner } },
    )
    return {
      orgId: scope.orgId,
      actor: { type: 'user', id: user.id, role: 'partner_admin' },
      partnerId: partner.id,
    } as Scope
  }
  const accept = async (partner: { id: string; name: string }, name: string, daysAgo: number) =>
    acceptAgreement(
      db,
      await adminOf(partner, name),
      workflow.id,
      partner.id,
      agreement!.id,
      { documentHash: agreement!.documentHash! },
      { clock: at(daysAgo) },
    )
  const tickKickoff = (partnerId: string, daysAgo: number) =>
    confirmStep(db, staff, workflow.id, partnerId, kickoff!.id, { clock: at(daysAgo) })

  // the longest-standing partners finished the first version and were activated; an onboarding one
  // among them moves to active with it
  const names = ['Alex Admin', 'Casey Lead', 'Robin Owner', 'Jordan Chief', 'Kim Director', 'Lee Principal']
  const onboardingFirst = [...options.partners].sort(
    (x, y) => Number(y.status === 'onboarding') - Number(x.status === 'onboarding'),
  )
  const [finished, midway] = [onboardingFirst.slice(0, 3), onboardingFirst.slice(3, 6)]
  for (const [i, partner] of finished.entries()) {
    await accept(partner, names[i]!, 88 - i)
    await tickKickoff(partner.id, 80 - i)
  }
  // others accepted the agreement and stopped there
  for (const [i, partner] of midway.entries()) await accept(partner, names[3 + i]!, 86 - i)
  // the demo partner had its kickoff call, but its admin has not accepted the agreement yet
  await tickKickoff(options.demoPartner.id, 70)

  // three weeks ago: a tax form and the essentials certification were added; unfinished enrolments
  // moved to the new version (their tax form is now overdue), finished ones stay on the first
  await updateWorkflow(
    db,
    staff,
    workflow.id,
    {
      steps: [
        ...workflow.steps.map((step) => stepInput(step)),
        {
          kind: 'tax_form',
          title: 'Submit your tax form',
          description: 'A W-9 or W-8 for payouts.',
          dueInDays: 30,
        },
        {
          kind: 'course',
          title: 'Get a seller certified',
          description: 'Someone at your company passes Platform essentials.',
          courseId: options.essentialsCourseId,
          dueInDays: 45,
        },
      ],
    },
    at(21),
  )
  await publishWorkflow(db, staff, workflow.id, { clock: at(20) })
}

/** A stored step back to the input that keeps it. */
function stepInput(step: Awaited<ReturnType<typeof createWorkflow>>['steps'][number]): OnboardingStepInput {
  const base = {
    id: step.id,
    title: step.title,
    description: step.description,
    isRequired: step.isRequired,
    dueInDays: step.dueInDays,
  }
  switch (step.kind) {
    case 'agreement':
      return {
        ...base,
        kind: 'agreement',
        documentTitle: step.documentTitle!,
        documentText: step.documentText ?? '',
        documentUrl: step.documentUrl,
      }
    case 'profile':
      return { ...base, kind: 'profile', fields: step.fields ?? [] }
    case 'course':
      return { ...base, kind: 'course', courseId: step.courseId! }
    case 'custom':
      return { ...base, kind: 'custom', confirmedBy: step.confirmedBy ?? 'staff' }
    default:
      return { ...base, kind: step.kind }
  }
}
