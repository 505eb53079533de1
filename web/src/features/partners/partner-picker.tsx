// Choose a partner by typing part of its name, domain or tag; the server does the searching.
import type { PartnerSummary } from '../../../../src/modules/partners/partners.contract'
import { humanize } from '../../ui/labels'
import { type Option, RemoteSelect, type RemoteSelectProps } from '../../ui/remote-select'
import { partnerKeys, partnersApi } from './partners-api'

const toOption = (partner: Pick<PartnerSummary, 'id' | 'name' | 'type'>): Option => ({
  value: partner.id,
  label: `${partner.name} (${humanize(partner.type)})`,
})

export function PartnerPicker({
  excludeId,
  withChurned = true,
  ...props
}: Omit<RemoteSelectProps, 'queryKey' | 'search' | 'lookup'> & {
  /** A partner that may not be chosen, e.g. the one being edited as its own parent. */
  excludeId?: string
  /** Churned partners take no new touches. */
  withChurned?: boolean
}) {
  return (
    <RemoteSelect
      placeholder="Search partners"
      nothingFoundMessage="No partner with that name"
      {...props}
      queryKey={[...partnerKeys.options, excludeId ?? '', withChurned]}
      search={async (q) => {
        const page = await partnersApi.list({ q: q || undefined }, null, 25)
        return page.items
          .filter((partner) => partner.id !== excludeId && (withChurned || partner.status !== 'churned'))
          .map(toOption)
      }}
      lookup={async (id) => toOption(await partnersApi.get(id))}
    />
  )
}
