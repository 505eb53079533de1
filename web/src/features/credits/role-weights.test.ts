import { describe, expect, it } from 'vitest'
import { DEFAULT_ACTIVITY_WEIGHTS } from '../../../../src/attribution/types'
import { toRoleParams, toRoleWeights } from './role-weights'

describe('role weights as table rows', () => {
  it('starts from the standard activity weights when none are stored', () => {
    const weights = toRoleWeights({})
    expect(weights.activities).toHaveLength(Object.keys(DEFAULT_ACTIVITY_WEIGHTS).length)
    expect(weights.activities[0]).toEqual({ name: 'sourced', weight: 3 })
    expect(weights).toMatchObject({ kinds: [], defaultWeight: 1 })
  })

  it('round-trips stored parameters through the rows', () => {
    const params = {
      activityWeights: { referral: 4, demo: 0.5 },
      kindWeights: { distributor: 0.5 },
      defaultWeight: 0,
    }
    expect(toRoleParams(toRoleWeights(params))).toEqual({ params, errors: null })
  })

  it('takes typed numbers, trims names and keeps zero weights', () => {
    const result = toRoleParams({
      activities: [
        { name: ' demo ', weight: '2.5' },
        { name: 'email', weight: 0 },
      ],
      kinds: [],
      defaultWeight: '1',
    })
    expect(result.params).toEqual({
      activityWeights: { demo: 2.5, email: 0 },
      kindWeights: {},
      defaultWeight: 1,
    })
  })

  it('refuses per row: a missing name, a name twice, a negative or missing weight', () => {
    const result = toRoleParams({
      activities: [
        { name: '', weight: 1 },
        { name: 'demo', weight: 1 },
        { name: 'demo', weight: 2 },
        { name: 'email', weight: -1 },
      ],
      kinds: [{ name: 'reseller', weight: '' }],
      defaultWeight: 'x',
    })
    expect(result.params).toBeNull()
    expect(result.errors).toEqual({
      activities: {
        0: { name: 'Name the activity' },
        2: { name: 'demo is listed twice' },
        3: { weight: 'must be 0 or more' },
      },
      kinds: { 0: { weight: 'a number, e.g. 1.5' } },
      defaultWeight: 'a number, e.g. 1.5',
    })
  })
})
