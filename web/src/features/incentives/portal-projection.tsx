// Portal: what the partner may earn on their open pipeline (an estimate, and labelled so), and their
// commission statement for a month as a PDF.
import { Alert, Anchor, Badge, Group, Paper, Select, Stack, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { formatMoney } from '../../ui/money'
import { incentiveKeys, incentivesApi } from './incentives-api'

const percent = (fraction: number) => `${Math.round(fraction * 1000) / 10}%`

export function ProjectionCard({ partnerId }: { partnerId: string }) {
  const projection = useQuery({
    queryKey: incentiveKeys.projection(partnerId),
    queryFn: () => incentivesApi.projection(partnerId),
  })
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Projected from your pipeline">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          Projected from your pipeline
        </Title>
        <Badge variant="light" color="gray">
          Estimate
        </Badge>
      </Group>
      {projection.isPending ? (
        <PageLoader label="Working out your projection…" />
      ) : projection.isError ? (
        <ErrorAlert error={projection.error} what="your projection" />
      ) : (
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {projection.data.note}
          </Text>
          {projection.data.items.length === 0 ? (
            <Alert color="gray">No open deals with your credit yet.</Alert>
          ) : (
            <>
              <Group gap="xl">
                {projection.data.totals.map((total) => (
                  <Stack gap={0} key={total.expected.currency}>
                    <Text size="xs" c="dimmed">
                      Expected ({total.expected.currency})
                    </Text>
                    <Text fw={700} size="lg">
                      {formatMoney(total.expected)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {formatMoney(total.ifWon)} if every deal is won
                    </Text>
                  </Stack>
                ))}
              </Group>
              <Table aria-label="Open deals you may earn on" striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Deal</Table.Th>
                    <Table.Th ta="right">Deal amount</Table.Th>
                    <Table.Th ta="right">Your share</Table.Th>
                    <Table.Th ta="right">If won</Table.Th>
                    <Table.Th ta="right">Chance</Table.Th>
                    <Table.Th ta="right">Expected</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {projection.data.items.map((item) => (
                    <Table.Tr key={item.dealId}>
                      <Table.Td>{item.dealName}</Table.Td>
                      <Table.Td ta="right">{formatMoney(item.dealAmount)}</Table.Td>
                      <Table.Td ta="right">{percent(Number(item.share))}</Table.Td>
                      <Table.Td ta="right">{formatMoney(item.ifWon)}</Table.Td>
                      <Table.Td ta="right" title={item.winChanceSource}>
                        {percent(item.winChance)}
                      </Table.Td>
                      <Table.Td ta="right" fw={600}>
                        {formatMoney(item.expected)}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              <Text size="xs" c="dimmed">
                Chance of winning from {projection.data.items[0]!.winChanceSource}.
              </Text>
            </>
          )}
        </Stack>
      )}
    </Paper>
  )
}

/** The last twelve calendar months, newest first, as statement periods. */
export function recentMonths(
  today: Date,
  count = 12,
): { value: string; label: string; from: string; to: string }[] {
  return Array.from({ length: count }, (_, i) => {
    const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - i, 1))
    const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 0))
    const from = start.toISOString().slice(0, 10)
    return {
      value: from,
      label: start.toLocaleDateString(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' }),
      from,
      to: end.toISOString().slice(0, 10),
    }
  })
}

export function StatementCard({ partnerId }: { partnerId: string }) {
  const months = recentMonths(new Date())
  const [month, setMonth] = useState(months[1]?.value ?? months[0]!.value)
  const chosen = months.find((m) => m.value === month) ?? months[0]!
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Statements">
      <Title order={2} size="h4" mb="md">
        Statements
      </Title>
      <Group align="end">
        <Select
          label="Month"
          data={months.map((m) => ({ value: m.value, label: m.label }))}
          value={month}
          onChange={(value) => value && setMonth(value)}
          allowDeselect={false}
          w={220}
        />
        <Anchor href={incentivesApi.statementUrl(partnerId, chosen.from, chosen.to)} download>
          Download the {chosen.label} statement (PDF)
        </Anchor>
      </Group>
    </Paper>
  )
}
