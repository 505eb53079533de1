// The deals behind a credit figure: opened from any number on the dashboard, under the same model,
// period and partner types, with each deal's credited part and the sums (which equal the figure).
// Each deal opens its page, where the "why" panel explains every share.
import { Badge, Group, Paper, Stack, Table, Text } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import type { CreditedDealsView } from '../../../../src/modules/credits/figures.contract'
import { formatDate } from '../../ui/dates'
import { EmptyHint } from '../../ui/empty-hint'
import { nounOf } from '../../ui/list-count'
import { formatCount, formatMoney } from '../../ui/money'
import { PageHeader } from '../../ui/page-header'
import { PagedListView, usePagedList } from '../../ui/paged-list'
import { AnchorLink } from '../../ui/router-link'
import { SortableTh } from '../../ui/sortable-header'
import { partnerKeys, partnersApi } from '../partners/partners-api'
import { type CreditFilter, filterQuery, periodLabel } from './credit-filter'
import { CreditFilterBar } from './credit-filter-bar'
import { type CreditedDealsQuery, creditKeys, creditsApi } from './credits-api'

export type CreditedDealsSearch = CreditFilter & {
  credited?: string
  outcome?: NonNullable<CreditedDealsQuery['outcome']>
  currency?: string
  sort?: CreditedDealsSort
}
export const creditedDealsSorts = ['dealAt', '-dealAt', 'amount', '-amount', 'credited', '-credited'] as const
type CreditedDealsSort = (typeof creditedDealsSorts)[number]

const outcomeWords = { won: 'Won', open: 'Open', lost: 'Lost', closed: 'Closed' } as const
const outcomeColor = { won: 'teal', open: 'blue', lost: 'gray' } as const

/** "Won deals credited to partners", "Closed deals without partner credit", … */
function useTitle(search: CreditedDealsSearch): string {
  const credited = search.credited ?? 'partners'
  const isPartner = !['partners', 'direct', 'no-partner'].includes(credited)
  const partner = useQuery({
    queryKey: partnerKeys.detail(credited),
    queryFn: () => partnersApi.get(credited),
    enabled: isPartner,
  })
  const deals = search.outcome ? `${outcomeWords[search.outcome]} deals` : 'Deals'
  if (credited === 'no-partner') return `${deals} without partner credit`
  if (credited === 'direct') return `${deals} credited to your own sellers`
  if (credited === 'partners') return `${deals} credited to partners`
  return `${deals} credited to ${partner.data?.name ?? 'a partner'}`
}

function Sums({ view }: { view: CreditedDealsView }) {
  return (
    <Group gap="lg" aria-label="Sums of these deals">
      <Text size="sm" c="dimmed">
        Under {view.model.name}
      </Text>
      {view.sums.map((sum) => (
        <Text key={sum.currency} size="sm" fw={600}>
          {formatCount(sum.deals)} {sum.deals === 1 ? 'deal' : 'deals'} · {formatMoney(sum.credited)} credited
        </Text>
      ))}
    </Group>
  )
}

export function CreditedDealsPage({
  search,
  onSearchChange,
}: {
  search: CreditedDealsSearch
  onSearchChange: (next: CreditedDealsSearch) => void
}) {
  const today = new Date().toISOString().slice(0, 10)
  const query = useMemo<CreditedDealsQuery>(
    () => ({
      ...filterQuery(search, new Date(`${today}T12:00:00Z`)),
      credited: search.credited ?? 'partners',
      ...(search.outcome ? { outcome: search.outcome } : {}),
      ...(search.currency ? { currency: search.currency } : {}),
      sort: search.sort ?? '-dealAt',
      limit: 50,
    }),
    [search, today],
  )
  const list = usePagedList(creditKeys.creditedDeals(query), (cursor) =>
    creditsApi.creditedDeals(query, cursor),
  )
  const firstPage = list.data?.pages[0] as CreditedDealsView | undefined
  const sort = search.sort ?? '-dealAt'
  const onSort = (next: CreditedDealsSort) => onSearchChange({ ...search, sort: next })
  const title = useTitle(search)

  return (
    <>
      <PageHeader
        title={title}
        description={`${periodLabel(search.period)}${search.currency ? ` · ${search.currency} deals` : ''}${
          search.partnerType ? ` · ${search.partnerType.split(',').join(', ')}` : ''
        }`}
      />
      <Stack gap="md">
        <CreditFilterBar value={search} onChange={(filter) => onSearchChange({ ...search, ...filter })} />
        {firstPage ? <Sums view={firstPage} /> : null}
        <Paper withBorder radius="md">
          <PagedListView
            list={list}
            loadingLabel="Finding the deals…"
            what="Credited deals"
            noun={nounOf('deal')}
            empty={
              <EmptyHint title="No deals" description="No deal's credit matches this figure and filter." />
            }
          >
            {(items) => (
              <Table.ScrollContainer minWidth={720}>
                <Table highlightOnHover verticalSpacing="sm" aria-label="Credited deals">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Deal</Table.Th>
                      <Table.Th>Outcome</Table.Th>
                      <SortableTh column="dealAt" first="descending" sort={sort} onSort={onSort}>
                        Closed (or opened)
                      </SortableTh>
                      <SortableTh column="amount" first="descending" sort={sort} onSort={onSort} ta="right">
                        Deal amount
                      </SortableTh>
                      <SortableTh column="credited" first="descending" sort={sort} onSort={onSort} ta="right">
                        Credited
                      </SortableTh>
                      <Table.Th ta="right">Share</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((deal) => (
                      <Table.Tr key={deal.dealId}>
                        <Table.Td>
                          <AnchorLink to="/deals/$dealId" params={{ dealId: deal.dealId }} fw={500}>
                            {deal.name}
                          </AnchorLink>
                        </Table.Td>
                        <Table.Td>
                          <Badge variant="light" color={outcomeColor[deal.outcome]} size="sm">
                            {outcomeWords[deal.outcome]}
                          </Badge>
                        </Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(deal.dealAt)}</Table.Td>
                        <Table.Td
                          ta="right"
                          style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}
                        >
                          {formatMoney(deal.amount)}
                        </Table.Td>
                        <Table.Td
                          ta="right"
                          fw={600}
                          style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}
                        >
                          {formatMoney(deal.credited)}
                        </Table.Td>
                        <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                          {`${(Number(deal.share) * 100).toFixed(1)}%`}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </PagedListView>
        </Paper>
      </Stack>
    </>
  )
}
