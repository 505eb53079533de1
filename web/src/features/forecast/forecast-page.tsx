// The partner forecast: open deals valued at the partner credit a model gives them, weighted by their
// chance of being won and placed in the quarter (or month) they should close, with the band around
// each figure, the partners and deals behind it, and how the method did over the last four quarters.
import { BarChart } from '@mantine/charts'
import { Group, Paper, Select, SimpleGrid, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import type { ForecastView } from '../../../../src/modules/revenue/forecast/forecast.contract'
import { chartAmount, formatCount, formatMoney } from '../../ui/money'
import { PageHeader } from '../../ui/page-header'
import { AnchorLink } from '../../ui/router-link'
import { type ForecastSearch, forecastApi, forecastKeys } from './forecast-api'
import { ModelSelect } from './model-select'
import { PipelineCard } from './pipeline-card'
import { compactMoney, GranularityControl, ReportFrame } from './report-parts'
import { StageProbabilitiesCard } from './stage-probabilities-card'

// the revenue pages share one chunk with their charts
export { WaterfallPage } from './waterfall-page'

const numeric = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const

const percent = (value: number | null) =>
  value === null ? '—' : `${value > 0 ? '+' : ''}${Math.round(value * 1000) / 10}%`

function BandTable({ forecast }: { forecast: ForecastView }) {
  return (
    <Table verticalSpacing={6} aria-label="Forecast by period">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Period</Table.Th>
          <Table.Th ta="right">Deals</Table.Th>
          <Table.Th ta="right">Partner pipeline</Table.Th>
          <Table.Th ta="right">Worst</Table.Th>
          <Table.Th ta="right">Likely</Table.Th>
          <Table.Th ta="right">Best</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {forecast.periods.map((period) => (
          <Table.Tr key={period.key}>
            <Table.Td>{period.key}</Table.Td>
            <Table.Td ta="right" style={numeric}>
              {formatCount(period.deals)}
            </Table.Td>
            <Table.Td ta="right" style={numeric}>
              {formatMoney(period.partnerPipeline)}
            </Table.Td>
            <Table.Td ta="right" style={numeric}>
              {formatMoney(period.total.worst)}
            </Table.Td>
            <Table.Td ta="right" fw={600} style={numeric}>
              {formatMoney(period.total.likely)}
            </Table.Td>
            <Table.Td ta="right" style={numeric}>
              {formatMoney(period.total.best)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}

function BacktestCard({ forecast }: { forecast: ForecastView }) {
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Backtest">
      <Title order={2} size="h4" mb={4}>
        Backtest: the last four quarters
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        What this method would have forecast at each quarter's start, beside the partner credit won in it.
      </Text>
      <Table verticalSpacing={6} aria-label="Backtest by quarter">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Quarter</Table.Th>
            <Table.Th ta="right">Forecast</Table.Th>
            <Table.Th ta="right">Actual</Table.Th>
            <Table.Th ta="right">Error</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {forecast.backtest.map((quarter) => (
            <Table.Tr key={quarter.key}>
              <Table.Td>{quarter.key}</Table.Td>
              <Table.Td ta="right" style={numeric}>
                {formatMoney(quarter.forecast)}
              </Table.Td>
              <Table.Td ta="right" style={numeric}>
                {formatMoney(quarter.actual)}
              </Table.Td>
              <Table.Td ta="right" style={numeric}>
                {percent(quarter.error)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  )
}

function PartnersAndDeals({ forecast }: { forecast: ForecastView }) {
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} mb="lg">
      <Paper withBorder p="lg" radius="md" component="section" aria-label="Partners in the forecast">
        <Title order={2} size="h4" mb="sm">
          Partners
        </Title>
        <Table verticalSpacing={6} aria-label="Likely value by partner">
          <Table.Tbody>
            {forecast.partners.map((partner) => (
              <Table.Tr key={partner.partnerId}>
                <Table.Td>
                  <AnchorLink to="/partners/$partnerId" params={{ partnerId: partner.partnerId }}>
                    {partner.name}
                  </AnchorLink>
                  <Text size="xs" c="dimmed">
                    {formatCount(partner.deals)} deals · {formatMoney(partner.pipeline)} credited
                  </Text>
                </Table.Td>
                <Table.Td ta="right" fw={600} style={numeric}>
                  {formatMoney(partner.likely)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      <Paper withBorder p="lg" radius="md" component="section" aria-label="Deals in the forecast">
        <Title order={2} size="h4" mb="sm">
          Deals weighing most
        </Title>
        <Table verticalSpacing={6} aria-label="Deals by likely value">
          <Table.Tbody>
            {forecast.deals.slice(0, 10).map((deal) => (
              <Table.Tr key={deal.dealId}>
                <Table.Td>
                  <AnchorLink to="/deals/$dealId" params={{ dealId: deal.dealId }}>
                    {deal.name}
                  </AnchorLink>
                  <Text size="xs" c="dimmed">
                    {deal.period} ({deal.placement}) · {deal.stage} · {Math.round(deal.probability * 100)}% ×{' '}
                    {formatMoney(deal.partnerCredit)}
                    {deal.isPartnerSourced ? ' · partner-sourced' : ''}
                  </Text>
                </Table.Td>
                <Table.Td ta="right" fw={600} style={numeric}>
                  {formatMoney(deal.likely)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
    </SimpleGrid>
  )
}

export function ForecastPage() {
  const [search, setSearch] = useState<ForecastSearch>({ granularity: 'quarter', probabilities: 'auto' })
  const forecast = useQuery({
    queryKey: forecastKeys.forecast(search),
    queryFn: () => forecastApi.forecast(search),
  })

  const header = (
    <PageHeader
      title="Forecast"
      description="Partner revenue expected from open deals: each deal's partner credit under a model, times its chance of being won"
      actions={
        <Group align="flex-end">
          <ModelSelect value={search.model} onChange={(model) => setSearch({ ...search, model })} />
          <Select
            label="Win chance from"
            data={[
              { value: 'auto', label: 'Best available' },
              { value: 'ai', label: 'AI-weighted model' },
              { value: 'stages', label: 'Stage probabilities' },
              { value: 'win-rate', label: 'Win rate' },
            ]}
            value={search.probabilities}
            onChange={(value) =>
              setSearch({ ...search, probabilities: (value ?? 'auto') as ForecastSearch['probabilities'] })
            }
            allowDeselect={false}
            w={190}
          />
          <GranularityControl
            value={search.granularity}
            onChange={(granularity) => setSearch({ ...search, granularity })}
          />
        </Group>
      }
    />
  )
  return (
    <ReportFrame header={header} query={forecast} loading="Forecasting…" what="Forecast">
      {(data) => <ForecastReport data={data} model={search.model} />}
    </ReportFrame>
  )
}

function ForecastReport({ data, model }: { data: ForecastView; model?: string }) {
  const rows = data.periods.map((period) => ({
    period: period.key,
    'Partner-sourced': chartAmount(period.sourced.likely),
    'Partner-influenced': chartAmount(period.influenced.likely),
  }))
  return (
    <>
      <Paper withBorder p="lg" radius="md" mb="lg" component="section" aria-label="Likely partner revenue">
        <Title order={2} size="h4" mb={4}>
          Likely partner revenue ({data.currency})
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          {data.model.name} · win chance from {data.probability.label}
        </Text>
        <BarChart
          h={300}
          data={rows}
          dataKey="period"
          type="stacked"
          withLegend
          valueFormatter={compactMoney(data.currency)}
          series={[
            { name: 'Partner-sourced', color: 'teal.6' },
            { name: 'Partner-influenced', color: 'indigo.5' },
          ]}
          aria-label="Likely partner revenue by period"
        />
        <BandTable forecast={data} />
        <Text size="xs" c="dimmed" mt="sm">
          Worst and best are the 10th and 90th percentiles. Placed at their expected close:{' '}
          {formatCount(data.placement.expected)} deals; overdue, counted now:{' '}
          {formatCount(data.placement.overdue)}; without a date, by the median time to win:{' '}
          {formatCount(data.placement.estimated)}. Later: {formatCount(data.later.deals)} deals,{' '}
          {formatMoney(data.later.partnerPipeline)} credited.
          {data.unconverted.deals > 0
            ? ` Left out for want of a rate: ${formatCount(data.unconverted.deals)} deals in ${data.unconverted.currencies.join(', ')}.`
            : ''}
        </Text>
      </Paper>
      <PartnersAndDeals forecast={data} />
      <SimpleGrid cols={{ base: 1, md: 2 }} mb="lg">
        <BacktestCard forecast={data} />
        <StageProbabilitiesCard />
      </SimpleGrid>
      <PipelineCard model={model} />
    </>
  )
}
