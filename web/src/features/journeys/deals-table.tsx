// A table of deals, shared by the console and the portal; each name opens the deal in its area.
import { Badge, Table, Text } from '@mantine/core'
import type { ReactNode } from 'react'
import type { DealView, ListDealsQuery } from '../../../../src/modules/journeys/journeys.contract'
import { formatDate } from '../../ui/dates'
import { humanize } from '../../ui/labels'
import type { SortDirection } from '../../ui/list-sort'
import { formatMoney } from '../../ui/money'
import { AnchorLink } from '../../ui/router-link'
import { SortableTh } from '../../ui/sortable-header'
import { DealStatusBadge, wholeLabel } from './deal-status-badge'

export type Area = 'console' | 'portal'
export type DealSort = ListDealsQuery['sort']
export type DealSorting = { sort: DealSort; onSort: (next: DealSort) => void }

/** A header that sorts when the table is given a sorting, and a plain one otherwise. */
function Header({
  column,
  first = 'ascending',
  sorting,
  right,
  children,
}: {
  column: string
  first?: SortDirection
  sorting?: DealSorting
  right?: boolean
  children: ReactNode
}) {
  const ta = right ? 'right' : undefined
  return sorting ? (
    <SortableTh column={column} first={first} sort={sorting.sort} onSort={sorting.onSort} ta={ta}>
      {children}
    </SortableTh>
  ) : (
    <Table.Th ta={ta}>{children}</Table.Th>
  )
}

export function DealLink({ deal, area }: { deal: Pick<DealView, 'id' | 'name'>; area: Area }) {
  return area === 'portal' ? (
    <AnchorLink to="/portal/deals/$dealId" params={{ dealId: deal.id }} fw={500}>
      {deal.name}
    </AnchorLink>
  ) : (
    <AnchorLink to="/deals/$dealId" params={{ dealId: deal.id }} fw={500}>
      {deal.name}
    </AnchorLink>
  )
}

export function DealsTable({
  deals,
  area,
  showAccount = true,
  label = 'Deals',
  sorting,
}: {
  deals: DealView[]
  area: Area
  showAccount?: boolean
  label?: string
  /** The list's sort and how to change it; without it the headers do not sort. */
  sorting?: DealSorting
}) {
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table highlightOnHover verticalSpacing="sm" aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Header column="name" sorting={sorting}>
              Deal
            </Header>
            {showAccount ? <Table.Th>Account</Table.Th> : null}
            <Header column="amount" first="descending" sorting={sorting} right>
              Amount
            </Header>
            <Header column="stage" sorting={sorting}>
              Stage
            </Header>
            <Table.Th>Status</Table.Th>
            <Table.Th>Type</Table.Th>
            <Header column="openedAt" first="descending" sorting={sorting}>
              Opened
            </Header>
            <Table.Th ta="right">Touches</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {deals.map((deal) => (
            <Table.Tr key={deal.id}>
              <Table.Td>
                <DealLink deal={deal} area={area} />
              </Table.Td>
              {showAccount ? (
                <Table.Td>
                  {deal.accountId && area === 'console' ? (
                    <AnchorLink to="/accounts/$accountId" params={{ accountId: deal.accountId }} size="sm">
                      {deal.accountName ?? 'Account'}
                    </AnchorLink>
                  ) : (
                    <Text size="sm">{deal.accountName ?? '—'}</Text>
                  )}
                </Table.Td>
              ) : null}
              <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                {formatMoney(deal.amount)}
              </Table.Td>
              <Table.Td>{humanize(deal.stage)}</Table.Td>
              <Table.Td>
                <DealStatusBadge status={deal.status} />
              </Table.Td>
              <Table.Td>
                <Badge variant="default" size="sm" styles={wholeLabel}>
                  {humanize(deal.type)}
                </Badge>
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(deal.openedAt)}</Table.Td>
              <Table.Td ta="right">{deal.touchCount}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}
