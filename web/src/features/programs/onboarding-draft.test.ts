import { describe, expect, it } from 'vitest'
import { createWorkflowInput } from '../../../../src/modules/programs/onboarding/onboarding.contract'
import { emptyWorkflow, moveStep, newStep, toWorkflowInput } from './onboarding-draft'

// The builder's draft becomes a body the API accepts, each step with only its kind's settings.
describe('onboarding workflow draft', () => {
  it('sends each step with its own settings, and an audience from the tags typed', () => {
    const draft = emptyWorkflow()
    draft.name = 'Resellers'
    draft.types = ['reseller']
    draft.tags = ' EMEA, , dach '
    const agreement = { ...newStep('agreement'), documentText: 'Terms', dueInDays: '7' }
    draft.steps = [agreement, newStep('tax_form'), { ...newStep('custom'), confirmedBy: 'staff' as const }]
    const input = toWorkflowInput(draft)
    expect(input.audience).toEqual({ types: ['reseller'], tags: ['emea', 'dach'] })
    expect(input.steps![0]).toMatchObject({ kind: 'agreement', dueInDays: 7, documentUrl: null })
    expect(input.steps![1]).toEqual({
      kind: 'tax_form',
      title: 'Submit your tax form',
      description: '',
      isRequired: true,
      dueInDays: null,
    })
    expect(input.steps![2]).toMatchObject({ kind: 'custom', confirmedBy: 'staff' })
    expect(createWorkflowInput.safeParse(input).success).toBe(true)
  })

  it('moves a step up and down, and leaves it at either end', () => {
    const steps = [newStep('agreement'), newStep('profile'), newStep('tax_form')]
    expect(moveStep(steps, 2, -1).map((s) => s.kind)).toEqual(['agreement', 'tax_form', 'profile'])
    expect(moveStep(steps, 0, -1).map((s) => s.kind)).toEqual(['agreement', 'profile', 'tax_form'])
    expect(moveStep(steps, 2, 1).map((s) => s.kind)).toEqual(['agreement', 'profile', 'tax_form'])
  })
})
