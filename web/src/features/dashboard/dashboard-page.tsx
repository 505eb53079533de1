// The console's first page: partner and deal numbers from the live lists, with charts to compare them.
import { BarChart } from '@mantine/charts'
import { Group, Paper, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { type ReactNode, useState } from 'react'
import { EmptyHint } from '../../ui/empty-hint'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { formatCount, formatMinor, viewerLocale } from '../../ui/money'
import { PageHeader } from '../../ui/page-header'
import { AnchorLink, ButtonLink } from '../../ui/router-link'
import { canEditRecords, useMe } from '../identity/session'
import { dealsApi, journeyKeys } from '../journeys/journeys-api'
import { partnerKeys, partnersApi } from '../partners/partners-api'
import { dealStats, type MoneyTotal, partnerStats } from './dashboard-stats'

function Stat({ label, value, hint }: { label: string; value: ReactNode; hint?: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={26} fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Text>
      {hint ? (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      ) : null}
    </Paper>
  )
}

const moneyHint = (totals: MoneyTotal[]) =>
  totals.length > 1
    ? `plus ${totals.length - 1} other ${totals.length === 2 ? 'currency' : 'currencies'}`
    : undefined

export function DashboardPage() {
  const me = useMe()
  const [dealsLoaded, setDealsLoaded] = useState(0)
  const partners = useQuery({ queryKey: partnerKeys.everything, queryFn: () => partnersApi.listAll() })
  const deals = useQuery({
    queryKey: journeyKeys.dealsEverything,
    queryFn: () => dealsApi.listAll({}, setDealsLoaded),
    staleTime: 5 * 60_000,
  })
  const percent = new Intl.NumberFormat(viewerLocale(), { style: 'percent', maximumFractionDigits: 0 })

  if (partners.isPending) return <PageLoader label="Counting partners…" />
  if (partners.isError) return <ErrorAlert error={partners.error} what="Partners" />
  const p = partnerStats(partners.data)

  if (p.total === 0) {
    return (
      <>
        <PageHeader title="Dashboard" description={me.org.name} />
        <EmptyHint
          title="Start by adding a partner"
          description="Once partners touch deals, this page compares them by type, status and won revenue."
          action={canEditRecords(me) ? <ButtonLink to="/partners/new">New partner</ButtonLink> : null}
        />
      </>
    )
  }

  const d = deals.data ? dealStats(deals.data) : null
  const topWon = d?.wonValue[0]
  const topOpen = d?.openValue[0]

  return (
    <>
      <PageHeader title="Dashboard" description={me.org.name} />
      <Stack gap="lg">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
          <Stat label="Partners" value={formatCount(p.total)} hint={`${formatCount(p.active)} active`} />
          <Stat
            label="Open pipeline"
            value={topOpen ? formatMinor(topOpen.amountMinor, topOpen.currency, { compact: true }) : '—'}
            hint={d ? `${formatCount(d.open)} open deals` : 'Counting deals…'}
          />
          <Stat
            label="Won revenue"
            value={topWon ? formatMinor(topWon.amountMinor, topWon.currency, { compact: true }) : '—'}
            hint={d ? (moneyHint(d.wonValue) ?? `${formatCount(d.won)} won deals`) : 'Counting deals…'}
          />
          <Stat
            label="Win rate"
            value={d?.winRate != null ? percent.format(d.winRate) : '—'}
            hint={d ? `${formatCount(d.won)} won, ${formatCount(d.lost)} lost` : 'Counting deals…'}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          <Paper withBorder p="lg" radius="md">
            <Group justify="space-between" mb="md">
              <Title order={2} size="h4">
                Partners by type
              </Title>
              <AnchorLink to="/partners" size="sm">
                All partners
              </AnchorLink>
            </Group>
            <BarChart
              h={280}
              data={p.byType}
              dataKey="type"
              orientation="vertical"
              yAxisProps={{ width: 120 }}
              series={[{ name: 'Partners', color: 'indigo.6' }]}
              gridAxis="x"
              aria-label="Partners by type"
            />
          </Paper>
          <Paper withBorder p="lg" radius="md">
            <Title order={2} size="h4" mb="md">
              Partners by status
            </Title>
            <BarChart
              h={280}
              data={p.byStatus}
              dataKey="status"
              series={[{ name: 'Partners', color: 'teal.6' }]}
              tickLine="y"
              aria-label="Partners by status"
            />
          </Paper>
        </SimpleGrid>
        <Paper withBorder p="lg" radius="md">
          <Group justify="space-between" mb="md">
            <Title order={2} size="h4">
              Deals by type and status
            </Title>
            <AnchorLink to="/deals" size="sm">
              All deals
            </AnchorLink>
          </Group>
          {deals.isPending ? (
            <Stack gap={4} maw={420}>
              <Text size="sm" c="dimmed">
                Counting deals… {formatCount(dealsLoaded)} so far
              </Text>
              <Progress value={100} animated striped aria-label="Counting deals" />
            </Stack>
          ) : deals.isError ? (
            <ErrorAlert error={deals.error} what="Deals" />
          ) : d && d.total > 0 ? (
            <BarChart
              h={280}
              data={d.byType}
              dataKey="type"
              type="stacked"
              withLegend
              series={[
                { name: 'Open', color: 'blue.5' },
                { name: 'Won', color: 'teal.6' },
                { name: 'Lost', color: 'gray.5' },
              ]}
              aria-label="Deals by type and status"
            />
          ) : (
            <EmptyHint
              title="No deals yet"
              description="Deals arrive from your CRM sync or the API; partner touches on them show up here."
            />
          )}
        </Paper>
      </Stack>
    </>
  )
}
