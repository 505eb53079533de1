// The training report printed under a table: how well a learned `ai` model predicts held-out deals
// (log-loss and AUC against the no-touch baseline) and whether its probabilities mean what they say
// (reliability by decile: mean predicted win chance against the observed win rate).
import type { LearnedModel } from '../attribution'

const percent = (value: number) => `${(value * 100).toFixed(1)}%`

export function describeTraining(learned: LearnedModel | undefined): string {
  if (learned?.key !== 'ai') return ''
  const quality = learned.data.quality
  const lines = [
    '',
    `Learned from ${quality.trainJourneys} closed journeys (L2 ${quality.l2}, calibration slope ` +
      `${quality.calibration.slope.toFixed(3)}); held out ${quality.testJourneys}:`,
    `  log-loss ${quality.logLoss.toFixed(4)} (no-touch baseline ${quality.baselineLogLoss.toFixed(4)}), ` +
      `AUC ${quality.auc.toFixed(3)} (baseline ${quality.baselineAuc.toFixed(3)})`,
    '  reliability by decile (predicted → observed win rate, journeys):',
    ...quality.reliability.map(
      (bin, decile) =>
        `    ${String(decile + 1).padStart(2)}  ${percent(bin.predicted).padStart(6)} → ${percent(bin.observed).padStart(6)}  (${bin.journeys})`,
    ),
  ]
  return `${lines.join('\n')}\n`
}
