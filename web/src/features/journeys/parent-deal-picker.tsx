// Choose the won deal a renewal or expansion grows from: the account's won deals, searched on the server.
import type { DealView } from '../../../../src/modules/journeys/journeys.contract'
import { formatDate } from '../../ui/dates'
import { formatMoney } from '../../ui/money'
import { type Option, RemoteSelect, type RemoteSelectProps } from '../../ui/remote-select'
import { dealsApi, journeyKeys } from './journeys-api'

// the amount and close date tell apart the yearly renewals that share a name
const toOption = (deal: DealView): Option => ({
  value: deal.id,
  label: `${deal.name} · ${formatMoney(deal.amount)} · won ${formatDate(deal.closedAt)}`,
})

export function ParentDealPicker({
  accountId,
  ...props
}: Omit<RemoteSelectProps, 'queryKey' | 'search' | 'lookup'> & {
  /** The new deal's account; without one, every won deal is offered. */
  accountId: string | null
}) {
  return (
    <RemoteSelect
      placeholder="Search won deals"
      nothingFoundMessage={
        accountId ? 'This account has no won deal by that name' : 'No won deal by that name'
      }
      {...props}
      queryKey={[...journeyKeys.deals, 'parent-options', accountId ?? '']}
      search={async (q) => {
        const page = await dealsApi.list(
          { accountId: accountId ?? undefined, status: 'won', q: q || undefined, sort: '-openedAt' },
          null,
          25,
        )
        return page.items.map(toOption)
      }}
      lookup={async (id) => toOption(await dealsApi.get(id))}
    />
  )
}
