// The revenue waterfall: how partner-attributed recurring revenue moved each quarter (or month), from
// the opening figure through new business, expansion, contraction and churn to the closing one. Each
// movement opens the deals behind it; partners and partner types are compared over the whole range.
import { BarChart } from '@mantine/charts'
import { Group, Paper, SimpleGrid, Table, Text, Title, UnstyledButton } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { type ReactNode, useState } from 'react'
import type { Movement, WaterfallView } from '../../../../src/modules/revenue/waterfall/waterfall.contract'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { chartAmount, formatMoney } from '../../ui/money'
import { PageHeader } from '../../ui/page-header'
import { AnchorLink } from '../../ui/router-link'
import { forecastApi, forecastKeys, type WaterfallSearch } from './forecast-api'
import { ModelSelect } from './model-select'
import { compactMoney, GranularityControl, ReportFrame } from './report-parts'

const numeric = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const
const moves: { key: Movement; label: string; color: string }[] = [
  { key: 'new', label: 'New', color: 'teal.6' },
  { key: 'expansion', label: 'Expansion', color: 'cyan.6' },
  { key: 'contraction', label: 'Contraction', color: 'orange.6' },
  { key: 'churn', label: 'Churn', color: 'red.6' },
]

type Bar = { period: string; movement: Movement }

function PeriodTable({ data, onPick }: { data: WaterfallView; onPick: (bar: Bar) => void }) {
  return (
    <Table verticalSpacing={6} mt="md" aria-label="Waterfall by period">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Period</Table.Th>
          <Table.Th ta="right">Opening</Table.Th>
          {moves.map((m) => (
            <Table.Th key={m.key} ta="right">
              {m.label}
            </Table.Th>
          ))}
          <Table.Th ta="right">Closing</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {data.periods.map((period) => (
          <Table.Tr key={period.key}>
            <Table.Td>{period.key}</Table.Td>
            <Table.Td ta="right" style={numeric}>
              {formatMoney(period.opening)}
            </Table.Td>
            {moves.map((m) => (
              <Table.Td key={m.key} ta="right" style={numeric}>
                {period[m.key].amountMinor === '0' ? (
                  formatMoney(period[m.key])
                ) : (
                  <UnstyledButton
                    onClick={() => onPick({ period: period.key, movement: m.key })}
                    aria-label={`${m.label} in ${period.key}: the deals behind it`}
                    c="blue.7"
                    style={{ textDecoration: 'underline dotted' }}
                  >
                    {formatMoney(period[m.key])}
                  </UnstyledButton>
                )}
              </Table.Td>
            ))}
            <Table.Td ta="right" fw={600} style={numeric}>
              {formatMoney(period.closing)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}

function DealsBehind({ model, bar }: { model?: string; bar: Bar }) {
  const deals = useQuery({
    queryKey: forecastKeys.waterfallDeals(model, bar.period, bar.movement),
    queryFn: () => forecastApi.waterfallDeals(model, bar.period, bar.movement),
  })
  const label = moves.find((m) => m.key === bar.movement)?.label ?? bar.movement
  return (
    <Paper withBorder p="lg" radius="md" mb="lg" component="section" aria-label="Deals behind the bar">
      <Title order={2} size="h4" mb="sm">
        {label} in {bar.period}
        {deals.data ? `: ${formatMoney(deals.data.total)}` : ''}
      </Title>
      {deals.isPending ? (
        <PageLoader label="Finding the deals…" />
      ) : deals.isError ? (
        <ErrorAlert error={deals.error} what="Deals" />
      ) : (
        <Table verticalSpacing={6} aria-label={`Deals behind ${label} in ${bar.period}`}>
          <Table.Tbody>
            {deals.data.items.map((item) => (
              <Table.Tr key={`${item.dealId}-${item.at}`}>
                <Table.Td>
                  <AnchorLink to="/deals/$dealId" params={{ dealId: item.dealId }}>
                    {item.name}
                  </AnchorLink>
                  <Text size="xs" c="dimmed">
                    {item.at.slice(0, 10)} ·{' '}
                    {item.partners.map((p) => `${p.name} ${formatMoney(p.amount)}`).join(' · ')}
                  </Text>
                </Table.Td>
                <Table.Td ta="right" fw={600} style={numeric}>
                  {formatMoney(item.amount)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  )
}

function SplitTable({
  title,
  rows,
}: {
  title: string
  rows: { key: string; label: ReactNode; moves: WaterfallView['types'][number] }[]
}) {
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label={title}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      <Table verticalSpacing={6} aria-label={title}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th />
            {moves.map((m) => (
              <Table.Th key={m.key} ta="right">
                {m.label}
              </Table.Th>
            ))}
            <Table.Th ta="right">Net</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key}>
              <Table.Td>{row.label}</Table.Td>
              {moves.map((m) => (
                <Table.Td key={m.key} ta="right" style={numeric}>
                  {formatMoney(row.moves[m.key])}
                </Table.Td>
              ))}
              <Table.Td ta="right" fw={600} style={numeric}>
                {formatMoney(row.moves.net)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  )
}

export function WaterfallPage() {
  const [search, setSearch] = useState<WaterfallSearch>({ granularity: 'quarter', periods: 4 })
  const [bar, setBar] = useState<Bar | null>(null)
  const waterfall = useQuery({
    queryKey: forecastKeys.waterfall(search),
    queryFn: () => forecastApi.waterfall(search),
  })
  const header = (
    <PageHeader
      title="Revenue waterfall"
      description="How partner-attributed recurring revenue moved: new business, expansion, contraction and churn, each split by partner credit"
      actions={
        <Group align="flex-end">
          <ModelSelect
            value={search.model}
            onChange={(model) => {
              setBar(null)
              setSearch({ ...search, model })
            }}
          />
          <GranularityControl
            value={search.granularity}
            onChange={(granularity) => {
              setBar(null)
              setSearch({ ...search, granularity, periods: granularity === 'month' ? 12 : 4 })
            }}
          />
        </Group>
      }
    />
  )
  return (
    <ReportFrame header={header} query={waterfall} loading="Adding up movements…" what="Revenue waterfall">
      {(data) => <WaterfallReport data={data} model={search.model} bar={bar} onPick={setBar} />}
    </ReportFrame>
  )
}

function WaterfallReport({
  data,
  model,
  bar,
  onPick,
}: {
  data: WaterfallView
  model?: string
  bar: Bar | null
  onPick: (bar: Bar) => void
}) {
  return (
    <>
      <Paper withBorder p="lg" radius="md" mb="lg" component="section" aria-label="Movements by period">
        <Title order={2} size="h4" mb="md">
          Partner-attributed recurring revenue ({data.currency}) under {data.model.name}
        </Title>
        <BarChart
          h={300}
          data={data.periods.map((period) => ({
            period: period.key,
            ...Object.fromEntries(moves.map((m) => [m.label, chartAmount(period[m.key])])),
          }))}
          dataKey="period"
          type="stacked"
          barChartProps={{ stackOffset: 'sign' }}
          withLegend
          valueFormatter={compactMoney(data.currency)}
          series={moves.map((m) => ({ name: m.label, color: m.color }))}
          aria-label="Movements by period"
        />
        <PeriodTable data={data} onPick={onPick} />
        <Text size="xs" c="dimmed" mt="sm">
          {data.notes.join(' ')}
          {data.unconverted.deals > 0
            ? ` Left out for want of a rate: ${data.unconverted.deals} deals in ${data.unconverted.currencies.join(', ')}.`
            : ''}
        </Text>
      </Paper>
      {bar ? <DealsBehind model={model} bar={bar} /> : null}
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <SplitTable
          title="By partner"
          rows={data.partners.map((p) => ({
            key: p.partnerId,
            label: (
              <AnchorLink to="/partners/$partnerId" params={{ partnerId: p.partnerId }}>
                {p.name}
              </AnchorLink>
            ),
            moves: p,
          }))}
        />
        <SplitTable
          title="By partner type"
          rows={data.types.map((t) => ({ key: t.type, label: t.type, moves: t }))}
        />
      </SimpleGrid>
    </>
  )
}
