// Live credit in the console: the server's stream of credit changes refreshes every credit view (deal
// panels, totals, dashboard, comparison) and what is paid on credit (commission lines, balances,
// projections, posted just after the credit they follow, so read a moment later) without a reload.

import { useLiveQueries } from '../../ui/live-queries'
import { incentiveKeys } from '../incentives/incentives-api'
import { creditKeys } from './credits-api'

const refreshes = {
  'credit.changed': [{ key: creditKeys.all }, { key: incentiveKeys.all, afterMs: 1500 }],
}

export function useLiveCredit(): void {
  useLiveQueries('/api/v1/attribution/live', refreshes)
}
