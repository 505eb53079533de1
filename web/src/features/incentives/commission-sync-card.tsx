// Recomputing every partner's commission lines from current credit and plans, with a progress bar
// that follows the sync until it is done.
import type { SyncView } from '../../../../src/modules/incentives/incentives.contract'
import { BackgroundJobCard } from '../../ui/background-job-card'
import { formatDateTime } from '../../ui/dates'
import { formatCount } from '../../ui/money'
import { incentiveKeys, incentivesApi } from './incentives-api'

function statusLine(sync: SyncView): string {
  if (sync.status === 'failed') return `Failed: ${sync.error ?? 'unknown error'}`
  if (sync.status === 'done')
    return `Done: ${formatCount(sync.total)} partners brought up to date, ${formatCount(sync.posted)} entries posted${sync.finishedAt ? ` at ${formatDateTime(sync.finishedAt)}` : ''}`
  if (sync.status === 'queued') return 'Queued: waiting for a worker…'
  return `Running: ${formatCount(sync.done)} of ${formatCount(sync.total)} partners (${sync.percent}%)`
}

export function CommissionSyncCard() {
  return (
    <BackgroundJobCard<SyncView>
      title="Recompute commissions"
      description="Lines already follow each change of credit and plan; recompute after loading FX rates or to check everything is up to date."
      action="Recompute commissions"
      recent={{ key: incentiveKeys.syncs, fetch: incentivesApi.syncs }}
      one={{ key: incentiveKeys.sync, fetch: incentivesApi.sync }}
      start={incentivesApi.startSync}
      refreshes={incentiveKeys.all}
      statusLine={statusLine}
    />
  )
}
