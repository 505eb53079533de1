// The partner pipeline: open deals grouped by stage, source, partner or partner type, each group's
// tagged amount beside what the model credits to partners and that credit weighted by win chance.
import { BarChart } from '@mantine/charts'
import { Group, Paper, SegmentedControl, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { chartAmount, formatCount, formatMoney } from '../../ui/money'
import { forecastApi, forecastKeys, type PipelineGrouping } from './forecast-api'
import { compactMoney } from './report-parts'

const numeric = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const

export function PipelineCard({ model }: { model?: string }) {
  const [by, setBy] = useState<PipelineGrouping>('stage')
  const pipeline = useQuery({
    queryKey: forecastKeys.pipeline(by, model),
    queryFn: () => forecastApi.pipeline(by, model),
  })
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Partner pipeline">
      <Group justify="space-between" mb="md">
        <Title order={2} size="h4">
          Partner pipeline
        </Title>
        <SegmentedControl
          aria-label="Group the pipeline by"
          data={[
            { value: 'stage', label: 'Stage' },
            { value: 'source', label: 'Source' },
            { value: 'partner', label: 'Partner' },
            { value: 'partner-type', label: 'Partner type' },
          ]}
          value={by}
          onChange={(value) => setBy(value as PipelineGrouping)}
        />
      </Group>
      {pipeline.isPending ? (
        <PageLoader label="Reading the pipeline…" />
      ) : pipeline.isError ? (
        <ErrorAlert error={pipeline.error} what="Pipeline" />
      ) : pipeline.data.groups.length === 0 ? (
        <Text size="sm" c="dimmed">
          No open deals have been attributed yet.
        </Text>
      ) : (
        <>
          <BarChart
            h={Math.max(240, Math.min(pipeline.data.groups.length, 12) * 40)}
            data={pipeline.data.groups.slice(0, 12).map((group) => ({
              group: group.label,
              'Partner credit': chartAmount(group.partnerCredit),
              Weighted: chartAmount(group.weighted),
            }))}
            dataKey="group"
            orientation="vertical"
            yAxisProps={{ width: 180 }}
            withLegend
            valueFormatter={compactMoney(pipeline.data.currency)}
            series={[
              { name: 'Partner credit', color: 'teal.6' },
              { name: 'Weighted', color: 'orange.6' },
            ]}
            aria-label="Partner pipeline by group"
          />
          <Table verticalSpacing={6} mt="md" aria-label="Pipeline groups">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>
                  {by === 'partner-type' ? 'Partner type' : by[0]!.toUpperCase() + by.slice(1)}
                </Table.Th>
                <Table.Th ta="right">Deals</Table.Th>
                <Table.Th ta="right">Tagged</Table.Th>
                <Table.Th ta="right">Partner credit</Table.Th>
                <Table.Th ta="right">Weighted</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {pipeline.data.groups.map((group) => (
                <Table.Tr key={group.key}>
                  <Table.Td>{group.label}</Table.Td>
                  <Table.Td ta="right" style={numeric}>
                    {formatCount(group.deals)}
                  </Table.Td>
                  <Table.Td ta="right" style={numeric}>
                    {formatMoney(group.amount)}
                  </Table.Td>
                  <Table.Td ta="right" style={numeric}>
                    {formatMoney(group.partnerCredit)}
                  </Table.Td>
                  <Table.Td ta="right" style={numeric}>
                    {formatMoney(group.weighted)}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Text size="xs" c="dimmed" mt="sm">
            Tagged: the deals' full amounts. Partner credit: what {pipeline.data.model.name} gives partners.
            Weighted: that credit times each deal's win chance ({pipeline.data.probability.label}).
          </Text>
        </>
      )}
    </Paper>
  )
}
