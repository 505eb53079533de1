// Choose a customer account by typing part of its name or domain; the server does the searching.
import type { AccountView } from '../../../../src/modules/journeys/journeys.contract'
import { type Option, RemoteSelect, type RemoteSelectProps } from '../../ui/remote-select'
import { accountsApi, journeyKeys } from './journeys-api'

const toOption = (account: AccountView): Option => ({
  value: account.id,
  label: account.domain ? `${account.name} (${account.domain})` : account.name,
})

export function AccountPicker(props: Omit<RemoteSelectProps, 'queryKey' | 'search' | 'lookup'>) {
  return (
    <RemoteSelect
      placeholder="Search accounts"
      nothingFoundMessage="No account with that name"
      {...props}
      queryKey={journeyKeys.accountOptions}
      search={async (q) =>
        (await accountsApi.list({ q: q || undefined, sort: 'name' }, null, 25)).items.map(toOption)
      }
      lookup={async (id) => toOption(await accountsApi.get(id))}
    />
  )
}
