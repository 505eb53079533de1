// Customer accounts: search and page through, with how many deals each has.

import { Paper, Table, Text, TextInput } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconSearch } from '@tabler/icons-react'
import { useState } from 'react'
import { formatDate } from '../../ui/dates'
import { EmptyHint } from '../../ui/empty-hint'
import { formatCount } from '../../ui/money'
import { PageHeader } from '../../ui/page-header'
import { PagedListView, usePagedList } from '../../ui/paged-list'
import { countryName } from '../../ui/region-select'
import { AnchorLink } from '../../ui/router-link'
import { accountsApi, journeyKeys } from './journeys-api'

export function AccountsList() {
  const [text, setText] = useState('')
  const [q] = useDebouncedValue(text.trim() || undefined, 300)
  const list = usePagedList(journeyKeys.accountList(q), (cursor) => accountsApi.list(q, cursor))

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
        empty={
          q ? (
            <EmptyHint title="No accounts match" description="Try another name or domain." />
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
                    <Table.Th>Account</Table.Th>
                    <Table.Th>Domain</Table.Th>
                    <Table.Th>Country</Table.Th>
                    <Table.Th>Industry</Table.Th>
                    <Table.Th ta="right">Deals</Table.Th>
                    <Table.Th>Updated</Table.Th>
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
                      <Table.Td>{formatDate(account.updatedAt)}</Table.Td>
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
