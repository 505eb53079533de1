// The attribution engine: models, exact allocation, explanations, learning, comparison.
// Pure: imports only itself and src/money — no database, clock, environment or packages.

export { AttributionError, type AttributionErrorCode } from './attribution-error'
export { type ActorTotalsColumns, computeActorTotals, computeTouchWeights } from './batch'
export { type BatchCredits, computeBatchCredits, learnMarkovColumns } from './batch-credits'
export { type BatchExplainer, createBatchExplainer } from './batch-explain'
export {
  type ColumnsBuilder,
  createColumnsBuilder,
  type JourneyColumns,
  materialiseJourney,
  OUTCOME_LOST,
  OUTCOME_OPEN,
  OUTCOME_WON,
  type PreparedRows,
  toColumns,
} from './columnar'
export {
  type Comparison,
  type ComparisonCell,
  type ComparisonRow,
  compare,
  type ModelColumn,
  nameColumns,
} from './compare'
export {
  attributeJourney,
  attributeJourneys,
  createJourneyAttributor,
  learnModel,
  summariseCredits,
} from './engine'
export { createHasher, hashValue, stringifyStable } from './hash'
export { readJourney, readJourneysDocument, readPathRecords } from './journey-input'
export { type ReadJourneysOptions, readJourneyColumns } from './journeys-reader'
export { findJsonValueEnd, isJsonSpace } from './json-bytes'
export { checkLogic, evaluateLogic, isTruthy as isTruthyLogic } from './json-logic'
export type { AiParams } from './models/ai/ai'
export type { CustomParams, CustomRule } from './models/custom'
export { getModel, MODELS } from './models/index'
export {
  learnMarkovFromPaths,
  learnMarkovFromTable,
  type MarkovParams,
  type PathRow,
  toPathTable,
} from './models/markov/markov'
export type { RemovalThreads } from './models/markov/removal-effects'
export type { RemovalJob } from './models/markov/removal-job'
export { countRemovalBatches, solveRemovals } from './models/markov/removal-solve'
export type { PositionParams } from './models/position'
export type { RoleParams } from './models/role'
export type { ShapleyParams } from './models/shapley'
export type { SingleTouchParams } from './models/single-touch'
export type { TimeDecayParams } from './models/time-decay'
export { type ReadBytes, type ReadPathsOptions, readFromBytes, readPathsCsv } from './path-csv'
export type { PathTable } from './path-table'
export { attributePaths, attributePathTable, type ChannelTotal, type PathAttribution } from './paths'
export { checkOptions, prepareJourney } from './prepare'
export { createRandom } from './random'
export {
  computeRankCorrelation,
  computeWeightedError,
  type ModelScore,
  type Recommendation,
  type RecommendSpec,
  recommend,
} from './recommend'
export { computeExactShapley, computeSampledShapley, type ShapleyResult } from './shapley-values'
export { formatShareUnits } from './split-shares'
export { generateJourneys, type SyntheticOptions } from './synthetic'
export * from './types'
export { predictWin } from './win-probability'
