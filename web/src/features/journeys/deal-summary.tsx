// The key facts of a deal: amount, status, stage, account, owner and dates.
import { Paper, SimpleGrid, Text } from '@mantine/core'
import type { ReactNode } from 'react'
import type { DealView } from '../../../../src/modules/journeys/journeys.contract'
import { formatDate } from '../../ui/dates'
import { humanize } from '../../ui/labels'
import { formatMoney } from '../../ui/money'
import { AnchorLink } from '../../ui/router-link'
import type { Area } from './deals-table'

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  )
}

export function DealSummary({ deal, area }: { deal: DealView; area: Area }) {
  return (
    <Paper withBorder p="lg" radius="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        Amount
      </Text>
      <Text fz={28} fw={700} style={{ fontVariantNumeric: 'tabular-nums' }} mb="md">
        {formatMoney(deal.amount)}
      </Text>
      <SimpleGrid cols={{ base: 2, md: 3 }} spacing="md">
        <Fact label="Account">
          {deal.accountId && area === 'console' ? (
            <AnchorLink to="/accounts/$accountId" params={{ accountId: deal.accountId }}>
              {deal.accountName ?? 'Account'}
            </AnchorLink>
          ) : (
            (deal.accountName ?? '—')
          )}
        </Fact>
        <Fact label="Stage">{humanize(deal.stage)}</Fact>
        <Fact label="Type">{humanize(deal.type)}</Fact>
        <Fact label="Owner">{deal.owner ?? '—'}</Fact>
        <Fact label="Opened">{formatDate(deal.openedAt)}</Fact>
        <Fact label="Closed">{formatDate(deal.closedAt)}</Fact>
        {deal.parentDealId && area === 'console' ? (
          <Fact label="Renews or expands">
            <AnchorLink to="/deals/$dealId" params={{ dealId: deal.parentDealId }}>
              Previous deal
            </AnchorLink>
          </Fact>
        ) : null}
        {deal.source ? (
          <Fact label="Source">
            {deal.source}
            {deal.externalId ? ` · ${deal.externalId}` : ''}
          </Fact>
        ) : null}
      </SimpleGrid>
    </Paper>
  )
}
