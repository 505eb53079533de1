// The deals this partner touched, with search and a status filter.
import { Button, Group, Paper, Select, TextInput } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { IconSearch } from '@tabler/icons-react'
import { useState } from 'react'
import { type DealStatus, dealStatuses } from '../../../../src/modules/journeys/journeys.contract'
import { EmptyHint } from '../../ui/empty-hint'
import { toOptions } from '../../ui/labels'
import { nounOf } from '../../ui/list-count'
import { PageHeader } from '../../ui/page-header'
import { PagedListView, usePagedList } from '../../ui/paged-list'
import { DealsTable } from './deals-table'
import { type DealFilters, dealsApi, journeyKeys } from './journeys-api'

export function PortalDeals() {
  const [text, setText] = useState('')
  const [q] = useDebouncedValue(text.trim() || undefined, 300)
  const [status, setStatus] = useState<DealStatus | undefined>()
  const filters: DealFilters = { q, status }
  const list = usePagedList(journeyKeys.dealList(filters), (cursor) => dealsApi.list(filters, cursor))

  return (
    <>
      <PageHeader
        title="Your deals"
        description="Deals your company referred, registered, co-sold or supported."
      />
      <Group mb="md" align="flex-end">
        <TextInput
          label="Search"
          placeholder="Deal or customer name"
          leftSection={<IconSearch size={16} />}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          w={280}
        />
        <Select
          label="Status"
          placeholder="Any status"
          data={toOptions(dealStatuses)}
          value={status ?? null}
          onChange={(value) => setStatus((value as DealStatus | null) ?? undefined)}
          clearable
          w={160}
        />
      </Group>
      <PagedListView
        list={list}
        loadingLabel="Loading your deals…"
        what="Deals"
        noun={nounOf('deal')}
        empty={
          q || status ? (
            <EmptyHint
              title="No deals match"
              description="Try another search word, or clear the filters to see all your deals."
              action={
                <Button
                  variant="default"
                  onClick={() => {
                    setText('')
                    setStatus(undefined)
                  }}
                >
                  Clear filters
                </Button>
              }
            />
          ) : (
            <EmptyHint
              title="No deals yet"
              description="When you refer a customer or register a deal, your partner manager records it and it shows up here."
            />
          )
        }
      >
        {(items) => (
          <Paper withBorder radius="md">
            <DealsTable deals={items} area="portal" label="Your deals" />
          </Paper>
        )}
      </PagedListView>
    </>
  )
}
