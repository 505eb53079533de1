// Live credit in the browser: the server's stream of credit changes refreshes every credit view
// (deal panels, totals, dashboard, comparison) and what is paid on credit (commission lines,
// balances, projections) without a reload. Bursts are gathered into one refresh.
import { useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { incentiveKeys } from '../incentives/incentives-api'
import { creditKeys } from './credits-api'

export function useLiveCredit(): void {
  const queryClient = useQueryClient()
  useEffect(() => {
    // the browser reconnects by itself, resuming from the last event it saw
    const source = new EventSource('/api/v1/attribution/live')
    let pending: ReturnType<typeof setTimeout> | undefined
    let commissions: ReturnType<typeof setTimeout> | undefined
    source.addEventListener('credit.changed', () => {
      if (pending) return
      pending = setTimeout(() => {
        pending = undefined
        void queryClient.invalidateQueries({ queryKey: creditKeys.all })
      }, 300)
      // commission lines are posted just after the credit they follow: read them a moment later
      if (commissions) clearTimeout(commissions)
      commissions = setTimeout(() => {
        commissions = undefined
        void queryClient.invalidateQueries({ queryKey: incentiveKeys.all })
      }, 1500)
    })
    return () => {
      if (pending) clearTimeout(pending)
      if (commissions) clearTimeout(commissions)
      source.close()
    }
  }, [queryClient])
}
