// The console's first page: partner numbers and the server's deal summaries, with charts to compare them.
import { BarChart } from '@mantine/charts'
import { Group, Paper, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { useQueries, useQuery } from '@tanstack/react-query'
import { useNavigate, useSearch } from '@tanstack/react-router'
import type { ReactNode } from 'react'
import { dealTypes } from '../../../../src/modules/journeys/journeys.contract'
import { EmptyHint } from '../../ui/empty-hint'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { formatCount, viewerLocale } from '../../ui/money'
import { PageHeader } from '../../ui/page-header'
import { AnchorLink, ButtonLink } from '../../ui/router-link'
import type { CreditFilter } from '../credits/credit-filter'
import { CreditFilterBar } from '../credits/credit-filter-bar'
import { PartnerImpactCard } from '../credits/partner-impact-card'
import { TopPartnersCard } from '../credits/top-partners-card'
import { canEditRecords, useMe } from '../identity/session'
import { dealsApi, journeyKeys } from '../journeys/journeys-api'
import { partnerKeys, partnersApi } from '../partners/partners-api'
import { CurrencyTotals } from './currency-totals'
import { dealsByType, moneyCaption, partnerStats, winRate } from './dashboard-stats'

function Stat({ label, value, hint }: { label: string; value: ReactNode; hint?: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={label}>
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

function Counting() {
  return (
    <Stack gap={4} maw={420}>
      <Text size="sm" c="dimmed">
        Counting deals…
      </Text>
      <Progress value={100} animated striped aria-label="Counting deals" />
    </Stack>
  )
}

function MoneyCard({
  title,
  what,
  totals,
  error,
}: {
  title: string
  what: 'open' | 'won'
  totals: Parameters<typeof CurrencyTotals>[0]['totals'] | undefined
  error: unknown
}) {
  return (
    <Paper withBorder p="lg" radius="md" aria-label={title} component="section">
      <Group justify="space-between" align="baseline" mb="xs">
        <Title order={2} size="h4">
          {title}
        </Title>
        <AnchorLink to="/deals" search={{ status: what }} size="sm">
          {what === 'open' ? 'Open deals' : 'Won deals'}
        </AnchorLink>
      </Group>
      {error ? (
        <ErrorAlert error={error} what="Deals" />
      ) : totals ? (
        <>
          <Text size="sm" c="dimmed" mb="sm">
            {moneyCaption(totals, what, formatCount)}
          </Text>
          <CurrencyTotals totals={totals} label={`${title} by currency`} />
        </>
      ) : (
        <Counting />
      )}
    </Paper>
  )
}

export function DashboardPage() {
  const me = useMe()
  // the credit filter lives in the URL (the route checks it), so a shared link shows the same figures
  const filter: CreditFilter = useSearch({ strict: false })
  const navigate = useNavigate()
  const changeFilter = (next: CreditFilter) => void navigate({ to: '/', search: next, replace: true })
  // counted on the server, like the deals below: the dashboard never downloads the partner list
  const partners = useQuery({ queryKey: partnerKeys.summary, queryFn: partnersApi.summary })
  // counted and summed on the server: the dashboard never downloads the deals table
  const deals = useQuery({ queryKey: journeyKeys.dealSummary({}), queryFn: () => dealsApi.summary() })
  const byType = useQueries({
    queries: dealTypes.map((type) => ({
      queryKey: journeyKeys.dealSummary({ type }),
      queryFn: () => dealsApi.summary({ type }),
    })),
    combine: (results) =>
      results.every((result) => result.data)
        ? dealsByType(results.map((result, i) => ({ type: dealTypes[i]!, summary: result.data! })))
        : null,
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

  const d = deals.data
  const rate = d ? winRate(d) : null
  const counting = 'Counting deals…'

  return (
    <>
      <PageHeader title="Dashboard" description={me.org.name} />
      <Stack gap="lg">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
          <Stat label="Partners" value={formatCount(p.total)} hint={`${formatCount(p.active)} active`} />
          <Stat
            label="Open deals"
            value={d ? formatCount(d.byStatus.open) : '—'}
            hint={d ? `of ${formatCount(d.total)} deals` : counting}
          />
          <Stat
            label="Won deals"
            value={d ? formatCount(d.byStatus.won) : '—'}
            hint={d ? `${formatCount(d.byStatus.lost)} lost` : counting}
          />
          <Stat
            label="Win rate"
            value={rate != null ? percent.format(rate) : '—'}
            hint={d ? `${formatCount(d.byStatus.won)} won, ${formatCount(d.byStatus.lost)} lost` : counting}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          <MoneyCard title="Open pipeline" what="open" totals={d?.openPipeline} error={deals.error} />
          <MoneyCard title="Won revenue" what="won" totals={d?.wonRevenue} error={deals.error} />
        </SimpleGrid>
        <Group justify="space-between" align="flex-end">
          <Title order={2} size="h3">
            Attributed credit
          </Title>
          <CreditFilterBar value={filter} onChange={changeFilter} />
        </Group>
        <TopPartnersCard filter={filter} />
        <PartnerImpactCard filter={filter} />
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
          {deals.isError ? (
            <ErrorAlert error={deals.error} what="Deals" />
          ) : !d || !byType ? (
            <Counting />
          ) : d.total > 0 ? (
            <BarChart
              h={280}
              data={byType}
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
