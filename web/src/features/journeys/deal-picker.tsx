// Choose a deal of the org by name: searched on the server, each shown with its amount.
import type { MoneyView } from '../../../../src/platform/platform.contract'
import { formatMoney } from '../../ui/money'
import { type Option, RemoteSelect, type RemoteSelectProps } from '../../ui/remote-select'
import { dealsApi, journeyKeys } from './journeys-api'

export const dealOption = (deal: { id: string; name: string; amount: MoneyView }): Option => ({
  value: deal.id,
  label: `${deal.name} · ${formatMoney(deal.amount)}`,
})

export function DealPicker(props: Omit<RemoteSelectProps, 'queryKey' | 'search' | 'lookup'>) {
  return (
    <RemoteSelect
      placeholder="Search deals"
      nothingFoundMessage="No deal by that name"
      {...props}
      queryKey={[...journeyKeys.deals, 'options']}
      search={async (q) => {
        const page = await dealsApi.list({ q: q || undefined }, null, 25)
        return page.items.map(dealOption)
      }}
      lookup={async (id) => dealOption(await dealsApi.get(id))}
    />
  )
}
