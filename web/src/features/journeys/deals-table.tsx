// A table of deals, shared by the console and the portal; each name opens the deal in its area.
import { Badge, Table, Text } from '@mantine/core'
import type { DealView } from '../../../../src/modules/journeys/journeys.contract'
import { formatDate } from '../../ui/dates'
import { humanize } from '../../ui/labels'
import { formatMoney } from '../../ui/money'
import { AnchorLink } from '../../ui/router-link'
import { DealStatusBadge, wholeLabel } from './deal-status-badge'

export type Area = 'console' | 'portal'

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
}: {
  deals: DealView[]
  area: Area
  showAccount?: boolean
  label?: string
}) {
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table highlightOnHover verticalSpacing="sm" aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Deal</Table.Th>
            {showAccount ? <Table.Th>Account</Table.Th> : null}
            <Table.Th ta="right">Amount</Table.Th>
            <Table.Th>Stage</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Type</Table.Th>
            <Table.Th>Opened</Table.Th>
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
