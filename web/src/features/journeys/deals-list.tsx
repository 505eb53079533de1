// Deals: search by deal or account name, filter by status and type, and page through.
import { Group, Paper, Select, TextInput } from '@mantine/core'
import { IconSearch } from '@tabler/icons-react'
import {
  type DealStatus,
  type DealType,
  dealStatuses,
  dealTypes,
} from '../../../../src/modules/journeys/journeys.contract'
import { EmptyHint } from '../../ui/empty-hint'
import { toOptions } from '../../ui/labels'
import { PageHeader } from '../../ui/page-header'
import { PagedListView, usePagedList } from '../../ui/paged-list'
import { useSearchText } from '../../ui/search-text'
import { DealsTable } from './deals-table'
import { type DealFilters, dealsApi, journeyKeys } from './journeys-api'

export type DealListSearch = { q?: string; status?: DealStatus; type?: DealType }

export function DealsList({
  search,
  onSearchChange,
}: {
  search: DealListSearch
  onSearchChange: (next: DealListSearch) => void
}) {
  const [text, setText] = useSearchText(search.q, (q) => onSearchChange({ ...search, q }))

  const filters: DealFilters = { q: search.q, status: search.status, type: search.type }
  const list = usePagedList(journeyKeys.dealList(filters), (cursor) => dealsApi.list(filters, cursor))
  const isFiltered = Boolean(search.q || search.status || search.type)

  return (
    <>
      <PageHeader
        title="Deals"
        description="Every deal, with the partner and seller touches that moved it."
      />
      <Group mb="md" align="flex-end" wrap="wrap">
        <TextInput
          label="Search"
          placeholder="Deal or account name"
          leftSection={<IconSearch size={16} />}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          w={280}
        />
        <Select
          label="Status"
          placeholder="Any status"
          data={toOptions(dealStatuses)}
          value={search.status ?? null}
          onChange={(value) =>
            onSearchChange({ ...search, status: (value as DealStatus | null) ?? undefined })
          }
          clearable
          w={160}
        />
        <Select
          label="Type"
          placeholder="Any type"
          data={toOptions(dealTypes)}
          value={search.type ?? null}
          onChange={(value) => onSearchChange({ ...search, type: (value as DealType | null) ?? undefined })}
          clearable
          w={160}
        />
      </Group>
      <PagedListView
        list={list}
        loadingLabel="Loading deals…"
        what="Deals"
        empty={
          isFiltered ? (
            <EmptyHint
              title="No deals match"
              description="Try another search word, or clear the status and type filters."
            />
          ) : (
            <EmptyHint
              title="No deals yet"
              description="Deals arrive from your CRM sync or through the API (POST /api/v1/deals)."
            />
          )
        }
      >
        {(items) => (
          <Paper withBorder radius="md">
            <DealsTable deals={items} area="console" />
          </Paper>
        )}
      </PagedListView>
    </>
  )
}
