// Customer accounts: search, sort by name or date added, and page through, with how many deals each has.

import { Button, Paper, Table, Text, TextInput } from '@mantine/core'
import { IconSearch } from '@tabler/icons-react'
import type { ListAccountsQuery } from '../../../../src/modules/journeys/journeys.contract'
import { formatDate } from '../../ui/dates'
import { EmptyHint } from '../../ui/empty-hint'
import { nounOf } from '../../ui/list-count'
import { formatCount } from '../../ui/money'
import { PageHeader } from '../../ui/page-header'
import { PagedListView, usePagedList } from '../../ui/paged-list'
import { countryName } from '../../ui/region-select'
import { AnchorLink } from '../../ui/router-link'
import { useSearchText } from '../../ui/search-text'
import { SortableTh } from '../../ui/sortable-header'
import { type AccountFilters, accountsApi, journeyKeys } from './journeys-api'

export type AccountSort = ListAccountsQuery['sort']
export type AccountListSearch = { q?: string; sort?: AccountSort }

/** The server's default order, shown by the headers' arrows when the URL names none. */
const defaultSort: AccountSort = '-createdAt'

export function AccountsList({
  search,
  onSearchChange,
}: {
  search: AccountListSearch
  onSearchChange: (next: AccountListSearch) => void
}) {
  const [text, setText] = useSearchText(search.q, (q) => onSearchChange({ ...search, q }))
  const sort = search.sort ?? defaultSort
  const filters: AccountFilters = { q: search.q, sort }
  // the sort is part of the key, so a new order starts again from the first page
  const list = usePagedList(journeyKeys.accountList(filters), (cursor) => accountsApi.list(filters, cursor))
  const sortProps = { sort, onSort: (next: AccountSort) => onSearchChange({ ...search, sort: next }) }

  return (
    <>
      <PageHeader title="Accounts" description="The customers your deals are with." />
      <TextInput
        label="Search"
        placeholder="Account name or domain"
        leftSection={<IconSearch size={16} />}
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        w={280}
        mb="md"
      />
      <PagedListView
        list={list}
        loadingLabel="Loading accounts…"
        what="Accounts"
        noun={nounOf('account')}
        empty={
          search.q ? (
            <EmptyHint
              title="No accounts match"
              description="Try another name or domain, or clear the search to see every account."
              action={
                <Button variant="default" onClick={() => onSearchChange({ sort: search.sort })}>
                  Clear search
                </Button>
              }
            />
          ) : (
            <EmptyHint
              title="No accounts yet"
              description="Accounts arrive with your CRM sync or through the API (POST /api/v1/accounts)."
            />
          )
        }
      >
        {(items) => (
          <Paper withBorder radius="md">
            <Table.ScrollContainer minWidth={640}>
              <Table highlightOnHover verticalSpacing="sm" aria-label="Accounts">
                <Table.Thead>
                  <Table.Tr>
                    <SortableTh column="name" {...sortProps}>
                      Account
                    </SortableTh>
                    <Table.Th>Domain</Table.Th>
                    <Table.Th>Country</Table.Th>
                    <Table.Th>Industry</Table.Th>
                    <Table.Th ta="right">Deals</Table.Th>
                    <SortableTh column="createdAt" first="descending" {...sortProps}>
                      Added
                    </SortableTh>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((account) => (
                    <Table.Tr key={account.id}>
                      <Table.Td>
                        <AnchorLink to="/accounts/$accountId" params={{ accountId: account.id }} fw={500}>
                          {account.name}
                        </AnchorLink>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{account.domain ?? '—'}</Text>
                      </Table.Td>
                      <Table.Td>{countryName(account.country)}</Table.Td>
                      <Table.Td>{account.industry ?? '—'}</Table.Td>
                      <Table.Td ta="right">{formatCount(account.dealCount)}</Table.Td>
                      <Table.Td>{formatDate(account.createdAt)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        )}
      </PagedListView>
    </>
  )
}
