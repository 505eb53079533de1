// Partners against direct under a model (the paying one unless the filter names another): won value
// and pipeline per currency, whether deals with partner credit are won more often and faster, and
// the monthly trend. From the server's aggregates; nothing is counted in the browser. Every figure
// opens the deals behind it, under the same filter.
import { BarChart } from '@mantine/charts'
import { Group, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { type ReactNode, useState } from 'react'
import type { AttributionDashboardView } from '../../../../src/modules/credits/figures.contract'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { formatCount, formatMoney, viewerLocale } from '../../ui/money'
import { AnchorLink } from '../../ui/router-link'
import { useMe } from '../identity/session'
import { type CreditFilter, filterQuery } from './credit-filter'
import type { CreditedDealsSearch } from './credited-deals-page'
import { creditKeys, creditsApi } from './credits-api'

type Split = { deals: number; won: number; winRate: number | null; averageCycleDays: number | null }

const percent = () => new Intl.NumberFormat(viewerLocale(), { style: 'percent', maximumFractionDigits: 0 })

/** A figure that opens the deals behind it. */
export function FigureLink({
  to,
  label,
  children,
}: {
  to: CreditedDealsSearch
  label: string
  children: ReactNode
}) {
  return (
    <AnchorLink to="/attribution/deals" search={to} aria-label={label} c="inherit" underline="hover">
      {children}
    </AnchorLink>
  )
}

function SplitStat({ title, split, to }: { title: string; split: Split; to: CreditedDealsSearch }) {
  return (
    <Stack gap={2}>
      <Text size="sm" c="dimmed">
        {title}
      </Text>
      <Text fw={700} size="xl">
        <FigureLink to={to} label={`${title}: the closed deals`}>
          {split.winRate === null ? '—' : percent().format(split.winRate)} won
        </FigureLink>
      </Text>
      <Text size="sm" c="dimmed">
        {formatCount(split.won)} of {formatCount(split.deals)} closed deals
        {split.averageCycleDays === null ? '' : ` · ${formatCount(split.averageCycleDays)} days to win`}
      </Text>
    </Stack>
  )
}

/** Every currency's sums in one, at the ECB rates the server used, with the rates' day beside them. */
function ConvertedLine({ converted }: { converted: NonNullable<AttributionDashboardView['converted']> }) {
  if (converted.ratesAsOf === null)
    return (
      <Text size="sm" c="dimmed">
        No ECB reference rates are loaded for {converted.currency}: load them under Settings → Import.
      </Text>
    )
  return (
    <Stack gap={2} aria-label={`All currencies in ${converted.currency}`}>
      <Text size="sm" fw={600}>
        All currencies in {converted.currency}: partners {formatMoney(converted.partnerWon)} won · direct{' '}
        {formatMoney(converted.directWon)} won · partner pipeline {formatMoney(converted.partnerPipeline)}
      </Text>
      <Text size="xs" c="dimmed">
        Converted at the {converted.source} of {converted.ratesAsOf}
        {converted.leftOut.length > 0 ? `; left out (no rate): ${converted.leftOut.join(', ')}` : ''}
      </Text>
    </Stack>
  )
}

/** Won value by month, partners beside direct; a month's bar opens that month's won deals. */
function TrendChart({
  trend,
  currency,
  filter,
  isConverted = false,
}: {
  trend: AttributionDashboardView['trend']
  currency: string
  filter: CreditFilter
  /** Every currency converted into this one: a month opens all its won deals. */
  isConverted?: boolean
}) {
  const navigate = useNavigate()
  const months = trend.filter((row) => row.currency === currency)
  if (months.length === 0) return null
  const monthLabel = new Intl.DateTimeFormat(viewerLocale(), {
    month: 'short',
    year: '2-digit',
    timeZone: 'UTC',
  })
  const data = months.map((row) => ({
    month: row.month,
    label: monthLabel.format(new Date(`${row.month}-01T00:00:00Z`)),
    Partners: Number(row.partnerWonMinor),
    Direct: Number(row.directWonMinor),
  }))
  return (
    <Stack
      gap={4}
      aria-label={isConverted ? `All currencies in ${currency} by month` : `Won ${currency} by month`}
    >
      <Text size="xs" c="dimmed">
        {isConverted
          ? `All currencies in ${currency} by month of close, each month at the ECB rates of its last day — click a month for its deals`
          : `Won ${currency} by month of close — click a month for its deals`}
      </Text>
      <BarChart
        h={180}
        data={data}
        dataKey="label"
        type="stacked"
        yAxisProps={{ width: 70 }}
        series={[
          { name: 'Partners', color: 'teal.6' },
          { name: 'Direct', color: 'gray.5' },
        ]}
        barProps={{
          cursor: 'pointer',
          onClick: (entry: { payload?: { month?: string } }) => {
            const month = entry.payload?.month
            if (month)
              void navigate({
                to: '/attribution/deals',
                search: {
                  ...filter,
                  period: month as CreditFilter['period'],
                  outcome: 'won',
                  ...(isConverted ? {} : { currency }),
                },
              })
          },
        }}
        valueFormatter={(value) =>
          formatMoney({ amountMinor: String(Math.round(value)), currency }, { compact: true })
        }
      />
    </Stack>
  )
}

export function PartnerImpactCard({ filter }: { filter: CreditFilter }) {
  const me = useMe()
  // the org's reporting currency unless the viewer picks another for now
  const [currency, setCurrency] = useState<string | null>(null)
  const today = new Date().toISOString().slice(0, 10)
  const query = { ...filterQuery(filter, new Date(`${today}T12:00:00Z`)), ...(currency ? { currency } : {}) }
  const dashboard = useQuery({
    queryKey: creditKeys.dashboard(query),
    queryFn: () => creditsApi.dashboard(query),
  })
  const rates = useQuery({ queryKey: creditKeys.fxRates, queryFn: creditsApi.fxRates })
  const reportable =
    rates.data && rates.data.currencies.length > 0
      ? [
          ...new Set([
            'EUR',
            ...rates.data.currencies,
            ...(me.org.reportingCurrency ? [me.org.reportingCurrency] : []),
          ]),
        ]
      : []
  const figure = (to: Omit<CreditedDealsSearch, keyof CreditFilter>): CreditedDealsSearch => ({
    ...filter,
    ...to,
  })
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Partners against direct">
      <Group justify="space-between" align="baseline" mb="xs">
        <Title order={2} size="h4">
          Partners against direct
        </Title>
        <AnchorLink to="/attribution/comparison" size="sm">
          Compare models
        </AnchorLink>
      </Group>
      {dashboard.isPending ? (
        <PageLoader label="Adding up credit…" />
      ) : dashboard.isError ? (
        <ErrorAlert error={dashboard.error} what="Partner impact" />
      ) : (
        <Stack>
          <Group justify="space-between" align="flex-end">
            <Text size="sm" c="dimmed">
              Under {dashboard.data.model.name}
              {filter.model ? '' : ' (the paying model)'}
              {filter.partnerType
                ? ` · counting ${filter.partnerType.split(',').join(', ')} as partners`
                : ''}
            </Text>
            {reportable.length > 0 ? (
              <Select
                label="Report in"
                placeholder="each currency"
                data={reportable}
                value={currency ?? me.org.reportingCurrency}
                onChange={setCurrency}
                clearable
                w={160}
                size="xs"
              />
            ) : null}
          </Group>
          {dashboard.data.converted ? <ConvertedLine converted={dashboard.data.converted} /> : null}
          {dashboard.data.converted && dashboard.data.currencies.length > 1 ? (
            <TrendChart
              trend={dashboard.data.converted.trend.map((row) => ({
                ...row,
                currency: dashboard.data.converted!.currency,
              }))}
              currency={dashboard.data.converted.currency}
              filter={filter}
              isConverted
            />
          ) : null}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <SplitStat
              title="Deals with partner credit"
              split={dashboard.data.withPartners}
              to={figure({ credited: 'partners', outcome: 'closed' })}
            />
            <SplitStat
              title="Deals without partners"
              split={dashboard.data.withoutPartners}
              to={figure({ credited: 'no-partner', outcome: 'closed' })}
            />
          </SimpleGrid>
          {/* bars in minor units, labelled in the currency's own format */}
          {dashboard.data.currencies.map((line) => (
            <Stack key={line.currency} gap={4}>
              <Text size="sm" fw={600}>
                {line.currency}: partners{' '}
                <FigureLink
                  to={figure({ credited: 'partners', outcome: 'won', currency: line.currency })}
                  label={`${line.currency} won value credited to partners`}
                >
                  {formatMoney(line.partnerWon)}
                </FigureLink>{' '}
                won · direct{' '}
                <FigureLink
                  to={figure({ credited: 'direct', outcome: 'won', currency: line.currency })}
                  label={`${line.currency} won value credited to direct`}
                >
                  {formatMoney(line.directWon)}
                </FigureLink>{' '}
                won · partner pipeline{' '}
                <FigureLink
                  to={figure({ credited: 'partners', outcome: 'open', currency: line.currency })}
                  label={`${line.currency} pipeline credited to partners`}
                >
                  {formatMoney(line.partnerPipeline)}
                </FigureLink>
              </Text>
              <BarChart
                h={90}
                data={[
                  {
                    what: 'Won',
                    Partners: Number(line.partnerWon.amountMinor),
                    Direct: Number(line.directWon.amountMinor),
                  },
                  {
                    what: 'Pipeline',
                    Partners: Number(line.partnerPipeline.amountMinor),
                    Direct: Number(line.directPipeline.amountMinor),
                  },
                ]}
                dataKey="what"
                orientation="vertical"
                type="stacked"
                yAxisProps={{ width: 70 }}
                series={[
                  { name: 'Partners', color: 'teal.6' },
                  { name: 'Direct', color: 'gray.5' },
                ]}
                valueFormatter={(value) =>
                  formatMoney(
                    { amountMinor: String(Math.round(value)), currency: line.currency },
                    { compact: true },
                  )
                }
              />
              <TrendChart trend={dashboard.data.trend} currency={line.currency} filter={filter} />
            </Stack>
          ))}
        </Stack>
      )}
    </Paper>
  )
}
