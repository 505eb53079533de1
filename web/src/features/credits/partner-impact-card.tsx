// Partners against direct under the paying model: won value and pipeline per currency, and whether
// deals with partner credit are won more often and faster than deals without it. From the server's
// aggregates; nothing is counted in the browser.
import { BarChart } from '@mantine/charts'
import { Group, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import type { AttributionDashboardView } from '../../../../src/modules/credits/credits.contract'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { formatCount, formatMoney, viewerLocale } from '../../ui/money'
import { AnchorLink } from '../../ui/router-link'
import { creditKeys, creditsApi } from './credits-api'

type Split = { deals: number; won: number; winRate: number | null; averageCycleDays: number | null }

const percent = () => new Intl.NumberFormat(viewerLocale(), { style: 'percent', maximumFractionDigits: 0 })

function SplitStat({ title, split }: { title: string; split: Split }) {
  return (
    <Stack gap={2}>
      <Text size="sm" c="dimmed">
        {title}
      </Text>
      <Text fw={700} size="xl">
        {split.winRate === null ? '—' : percent().format(split.winRate)} won
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

export function PartnerImpactCard() {
  const [currency, setCurrency] = useState<string | null>(null)
  const query = currency ? { currency } : {}
  const dashboard = useQuery({
    queryKey: creditKeys.dashboard(query),
    queryFn: () => creditsApi.dashboard(query),
  })
  const rates = useQuery({ queryKey: creditKeys.fxRates, queryFn: creditsApi.fxRates })
  const reportable = rates.data && rates.data.currencies.length > 0 ? ['EUR', ...rates.data.currencies] : []
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
              Under {dashboard.data.model.name} (the paying model)
            </Text>
            {reportable.length > 0 ? (
              <Select
                label="Report in"
                placeholder="each currency"
                data={reportable}
                value={currency}
                onChange={setCurrency}
                clearable
                w={160}
                size="xs"
              />
            ) : null}
          </Group>
          {dashboard.data.converted ? <ConvertedLine converted={dashboard.data.converted} /> : null}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <SplitStat title="Deals with partner credit" split={dashboard.data.withPartners} />
            <SplitStat title="Deals without partners" split={dashboard.data.withoutPartners} />
          </SimpleGrid>
          {/* bars in minor units, labelled in the currency's own format */}
          {dashboard.data.currencies.map((line) => (
            <Stack key={line.currency} gap={4}>
              <Text size="sm" fw={600}>
                {line.currency}: partners {formatMoney(line.partnerWon)} won · direct{' '}
                {formatMoney(line.directWon)} won
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
            </Stack>
          ))}
        </Stack>
      )}
    </Paper>
  )
}
