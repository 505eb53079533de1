// Re-attributing every deal under every enabled model, with a progress bar that follows the job
// until it is done. Staff start one after changing a model; bulk loads start their own.
import type { RecomputeView } from '../../../../src/modules/credits/credits.contract'
import { BackgroundJobCard } from '../../ui/background-job-card'
import { formatDateTime } from '../../ui/dates'
import { formatCount } from '../../ui/money'
import { creditKeys, creditsApi } from './credits-api'

function statusLine(job: RecomputeView): string {
  if (job.status === 'failed') return `Failed: ${job.error ?? 'unknown error'}`
  if (job.status === 'done')
    return `Done: ${formatCount(job.total)} deals re-attributed${job.finishedAt ? ` at ${formatDateTime(job.finishedAt)}` : ''}`
  return `${job.status === 'queued' ? 'Queued' : 'Running'}: ${formatCount(job.done)} of ${formatCount(job.total)} deals (${Math.floor(job.percent)}%)`
}

export function RecomputeCard({ canChange }: { canChange: boolean }) {
  return (
    <BackgroundJobCard<RecomputeView>
      title="Recompute credit"
      description="Re-attributes every deal under every enabled model. Credit already follows each new touch; use this after changing models."
      action="Recompute all credit"
      recent={{ key: creditKeys.recomputes, fetch: creditsApi.recomputes }}
      one={{ key: creditKeys.recompute, fetch: creditsApi.recompute }}
      start={creditsApi.startRecompute}
      refreshes={creditKeys.all}
      statusLine={statusLine}
      canStart={canChange}
      footnote={(job) => job.reason}
    />
  )
}
