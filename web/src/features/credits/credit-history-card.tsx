// A partner's credit month by month: staff see a line per enabled model (what the partner would
// earn under each), a partner user sees their own under the paying model. Summed on the server.
import { LineChart } from '@mantine/charts'
import { Group, Paper, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { type ReactNode, useState } from 'react'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { formatMoney, viewerLocale } from '../../ui/money'
import { historyCurrencies, historyRows, type Measure } from './credit-history'
import { creditKeys, creditsApi } from './credits-api'

const colors = ['teal.6', 'indigo.6', 'orange.6', 'grape.6', 'cyan.6', 'pink.6', 'lime.7', 'gray.6']

export function CreditHistoryCard({ partnerId, area }: { partnerId: string; area: 'console' | 'portal' }) {
  const history = useQuery({
    queryKey: creditKeys.history(partnerId),
    queryFn: () => creditsApi.history(partnerId),
  })
  const [measure, setMeasure] = useState<Measure>('won')
  const [chosen, setChosen] = useState<string | null>(null)
  const title = area === 'console' ? 'Credit over time' : 'Your credit over time'

  let body: ReactNode
  if (history.isPending) body = <PageLoader label="Adding up credit by month…" />
  else if (history.isError) body = <ErrorAlert error={history.error} what="Credit over time" />
  else {
    const currencies = historyCurrencies(history.data)
    const currency = chosen && currencies.includes(chosen) ? chosen : currencies[0]
    const data = currency ? historyRows(history.data, currency, measure) : []
    const monthLabel = new Intl.DateTimeFormat(viewerLocale(), {
      month: 'short',
      year: '2-digit',
      timeZone: 'UTC',
    })
    body =
      !currency || data.length === 0 ? (
        <Text size="sm" c="dimmed">
          No credit yet: it appears month by month as {area === 'console' ? 'this partner' : 'you'} touch
          deals.
        </Text>
      ) : (
        <Stack gap="xs">
          <Group justify="space-between" align="flex-end">
            <Text size="sm" c="dimmed">
              {area === 'console'
                ? 'Credited value by month under each enabled model'
                : `Credited value by month under ${history.data.models[0]?.name ?? 'the paying model'}`}
            </Text>
            <Group gap="xs">
              <SegmentedControl
                size="xs"
                value={measure}
                onChange={(value) => setMeasure(value as Measure)}
                data={[
                  { value: 'won', label: 'Won' },
                  { value: 'pipeline', label: 'Pipeline' },
                ]}
                aria-label="Won or pipeline"
              />
              {currencies.length > 1 ? (
                <Select
                  size="xs"
                  w={90}
                  data={currencies}
                  value={currency}
                  onChange={setChosen}
                  aria-label="Currency"
                />
              ) : null}
            </Group>
          </Group>
          <LineChart
            h={220}
            data={data.map((row) => ({
              ...row,
              label: monthLabel.format(new Date(`${row.month}-01T00:00:00Z`)),
            }))}
            dataKey="label"
            withLegend={history.data.models.length > 1}
            curveType="monotone"
            yAxisProps={{ width: 70 }}
            series={history.data.models.map((model, index) => ({
              name: model.name,
              color: colors[index % colors.length]!,
              // shadows dashed beside the paying line
              ...(model.role === 'paying' ? {} : { strokeDasharray: '4 3' }),
            }))}
            valueFormatter={(value) =>
              formatMoney({ amountMinor: String(Math.round(value)), currency }, { compact: true })
            }
            aria-label={`${title} in ${currency}`}
          />
        </Stack>
      )
  }
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label={title}>
      <Title order={2} size="h4" mb="xs">
        {title}
      </Title>
      {body}
    </Paper>
  )
}
