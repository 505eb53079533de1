import { readNumber, readParamsObject, readWeightTable } from '../params'
import { type AttributionModel, DEFAULT_ACTIVITY_WEIGHTS } from '../types'

export interface RoleParams {
  /** Weight per activity type; activities not listed weigh `defaultWeight`. */
  activityWeights: Readonly<Record<string, number>>
  /** Multiplier per actor kind; kinds not listed multiply by 1. */
  kindWeights: Readonly<Record<string, number>>
  defaultWeight: number
}

/** Weights each touch by what was done (and optionally by who did it), from an editable table. */
export const role: AttributionModel<RoleParams> = {
  key: 'role',
  label: 'Role based',
  defaults: { activityWeights: DEFAULT_ACTIVITY_WEIGHTS, kindWeights: {}, defaultWeight: 1 },
  isLearned: false,
  parseParams(input) {
    const params = readParamsObject(input, ['activityWeights', 'kindWeights', 'defaultWeight'])
    return {
      activityWeights: readWeightTable(params, 'activityWeights', DEFAULT_ACTIVITY_WEIGHTS),
      kindWeights: readWeightTable(params, 'kindWeights', {}),
      defaultWeight: readNumber(params, 'defaultWeight', 1, { min: 0 }),
    }
  },
  describe() {
    return 'Role based, weighted by activity type'
  },
  allocate(journey, params) {
    return {
      touchWeights: journey.touches.map(
        (touch) =>
          (params.activityWeights[touch.activity] ?? params.defaultWeight) *
          (params.kindWeights[touch.actorKind] ?? 1),
      ),
    }
  },
}
