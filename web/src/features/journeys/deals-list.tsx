// Deals: search by deal or account name, filter by status, type and partner, sort, page through, add one.
import { Button, Group, Paper, Select, TextInput } from '@mantine/core'
import { IconPlus, IconSearch } from '@tabler/icons-react'
import {
  type DealStatus,
  type DealType,
  dealStatuses,
  dealTypes,
} from '../../../../src/modules/journeys/journeys.contract'
import { EmptyHint } from '../../ui/empty-hint'
import { toOptions } from '../../ui/labels'
import { nounOf } from '../../ui/list-count'
import { PageHeader } from '../../ui/page-header'
import { PagedListView, usePagedList } from '../../ui/paged-list'
import { ButtonLink } from '../../ui/router-link'
import { useSearchText } from '../../ui/search-text'
import { canEditRecords, useMe } from '../identity/session'
import { PartnerPicker } from '../partners/partner-picker'
import { type DealSort, DealsTable } from './deals-table'
import { type DealFilters, dealsApi, journeyKeys } from './journeys-api'

export type DealListSearch = {
  q?: string
  status?: DealStatus
  type?: DealType
  partnerId?: string
  sort?: DealSort
}

/** The server's default order, shown by the headers' arrows when the URL names none. */
const defaultSort: DealSort = '-openedAt'

export function DealsList({
  search,
  onSearchChange,
}: {
  search: DealListSearch
  onSearchChange: (next: DealListSearch) => void
}) {
  const me = useMe()
  const [text, setText] = useSearchText(search.q, (q) => onSearchChange({ ...search, q }))

  const filters: DealFilters = {
    q: search.q,
    status: search.status,
    type: search.type,
    partnerId: search.partnerId,
    sort: search.sort ?? defaultSort,
  }
  // the sort is part of the key, so a new order starts again from the first page
  const list = usePagedList(journeyKeys.dealList(filters), (cursor) => dealsApi.list(filters, cursor))
  const isFiltered = Boolean(search.q || search.status || search.type || search.partnerId)

  return (
    <>
      <PageHeader
        title="Deals"
        description="Every deal, with the partner and seller touches that moved it."
        actions={
          canEditRecords(me) ? (
            <ButtonLink to="/deals/new" leftSection={<IconPlus size={16} />}>
              New deal
            </ButtonLink>
          ) : null
        }
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
        <PartnerPicker
          label="Partner"
          placeholder="Any partner"
          description="Deals this partner touched"
          value={search.partnerId ?? null}
          onChange={(value) => onSearchChange({ ...search, partnerId: value ?? undefined })}
          clearable
          w={280}
        />
      </Group>
      <PagedListView
        list={list}
        loadingLabel="Loading deals…"
        what="Deals"
        noun={nounOf('deal')}
        empty={
          isFiltered ? (
            <EmptyHint
              title="No deals match"
              description="Try another search word, or clear the filters to see every deal."
              action={
                <Button variant="default" onClick={() => onSearchChange({ sort: search.sort })}>
                  Clear filters
                </Button>
              }
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
            <DealsTable
              deals={items}
              area="console"
              sorting={{
                sort: search.sort ?? defaultSort,
                onSort: (sort) => onSearchChange({ ...search, sort }),
              }}
            />
          </Paper>
        )}
      </PagedListView>
    </>
  )
}
