// A commission line explained: the deal, the credit it earned and under which model, the plan version
// and rule (with why that rule), the math one step a line, FX, and the result. A reversal shows its
// reason and leads to the line it cancels. Console and portal show the same receipt; a partner may
// dispute the line from it.
import { Anchor, Badge, Code, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import type { EntryView, ReceiptView } from '../../../../src/modules/incentives/incentives.contract'
import { formatDate } from '../../ui/dates'
import { humanize } from '../../ui/labels'
import { formatMoney } from '../../ui/money'
import { AnchorLink } from '../../ui/router-link'
import { formatShare } from '../credits/credit-math'
import { LineDispute } from './dispute-form'
import { entryStatusColors, entryStatusHints } from './incentives-access'
import { incentiveKeys, incentivesApi } from './incentives-api'

export type Area = 'console' | 'portal'

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

function DealLink({ area, dealId, children }: { area: Area; dealId: string; children: ReactNode }) {
  return area === 'console' ? (
    <AnchorLink to="/deals/$dealId" params={{ dealId }}>
      {children}
    </AnchorLink>
  ) : (
    <AnchorLink to="/portal/deals/$dealId" params={{ dealId }}>
      {children}
    </AnchorLink>
  )
}

export function Receipt({ receipt, area }: { receipt: ReceiptView; area: Area }) {
  const { deal, credit, plan, rule, fx } = receipt
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Fact label="Deal">
          <DealLink area={area} dealId={deal.id}>
            {deal.name}
          </DealLink>
          <Text size="xs" c="dimmed">
            {humanize(deal.type)} · {formatMoney(deal.amount)} · closed {formatDate(deal.closedOn)}
          </Text>
        </Fact>
        <Fact label="Credit">
          {formatShare(credit.share)} of the deal · {formatMoney(credit.amount)}
          <Text size="xs" c="dimmed">
            under {credit.modelName} v{credit.modelVersion}
          </Text>
        </Fact>
        <Fact label="Plan">
          {plan.name} v{plan.version}
          <Text size="xs" c="dimmed">
            in effect from {formatDate(plan.effectiveFrom)}
          </Text>
        </Fact>
        <Fact label="Rule">
          {rule.label}
          <Text size="xs" c="dimmed">
            chosen as {rule.why}
          </Text>
        </Fact>
      </SimpleGrid>
      <div>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600} mb={4}>
          The math
        </Text>
        <Code block aria-label="The math" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {receipt.steps.join('\n')}
        </Code>
      </div>
      {fx ? (
        <Fact label="Exchange rate">
          1 {fx.from} = {fx.rate} {fx.to}, the rate of {formatDate(fx.day)}
        </Fact>
      ) : null}
      <Group justify="space-between" align="baseline">
        <Text fw={600}>Commission</Text>
        <Text fw={700} fz="lg" style={{ fontVariantNumeric: 'tabular-nums' }}>
          {formatMoney(receipt.result)}
        </Text>
      </Group>
    </Stack>
  )
}

/** The line a reversal cancels: same partner and deal, so the deal's lines hold it. */
function ReversedLine({ entry, onOpen }: { entry: EntryView; onOpen: (entry: EntryView) => void }) {
  const lines = useQuery({
    queryKey: [...incentiveKeys.entries({ dealId: entry.dealId, partnerId: entry.partnerId }), 'reversed'],
    queryFn: () => incentivesApi.entries({ dealId: entry.dealId, partnerId: entry.partnerId }, null, 200),
  })
  const reversed = lines.data?.items.find((line) => line.id === entry.reversesId)
  if (!reversed)
    return (
      <Text size="sm" c="dimmed">
        Reverses line {entry.reversesId}
      </Text>
    )
  return (
    <Text size="sm">
      Reverses{' '}
      <Anchor component="button" type="button" onClick={() => onOpen(reversed)}>
        the line of {formatMoney(reversed.amount)} posted {formatDate(reversed.createdAt)}
      </Anchor>
    </Text>
  )
}

export function EntryDetail({
  entry,
  area,
  onOpen,
}: {
  entry: EntryView
  area: Area
  /** Shows another line in place of this one (the line a reversal cancels). */
  onOpen: (entry: EntryView) => void
}) {
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <div>
          <Text fz={26} fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
            {formatMoney(entry.amount)}
          </Text>
          <Text size="sm" c="dimmed">
            {entry.kind === 'reversal' ? 'Reversal' : 'Earned'} · dated {formatDate(entry.lineDate)}
            {entry.status === 'pending' ? ` · payable after ${formatDate(entry.holdUntil)}` : ''}
          </Text>
        </div>
        <Badge color={entryStatusColors[entry.status]} title={entryStatusHints[entry.status]}>
          {humanize(entry.status)}
        </Badge>
      </Group>
      {entry.reason ? (
        <Paper withBorder p="sm" radius="sm" bg={entry.kind === 'reversal' ? 'gray.0' : undefined}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
            {entry.kind === 'reversal' ? 'Why it was reversed' : 'Why it was posted'}
          </Text>
          <Text size="sm">{entry.reason}</Text>
        </Paper>
      ) : null}
      {entry.kind === 'reversal' && entry.reversesId ? <ReversedLine entry={entry} onOpen={onOpen} /> : null}
      {area === 'portal' ? <LineDispute key={entry.id} entry={entry} /> : null}
      {entry.receipt ? (
        <>
          <Title order={3} size="h5">
            Receipt
          </Title>
          <Receipt receipt={entry.receipt} area={area} />
        </>
      ) : entry.kind === 'earned' ? (
        <Text size="sm" c="dimmed">
          This line has no receipt.
        </Text>
      ) : null}
    </Stack>
  )
}
