// Model comparison: which model the org's own history recommends paying on, per partner the won
// value each enabled model would credit, in one currency, and who would win or lose most if another
// model became the paying one.
import { BarChart } from '@mantine/charts'
import { Group, Paper, Select, SimpleGrid, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { EmptyHint } from '../../ui/empty-hint'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { formatMinor } from '../../ui/money'
import { PageHeader } from '../../ui/page-header'
import { AnchorLink } from '../../ui/router-link'
import { chartRows, currenciesOf, type Mover, movers } from './comparison-data'
import { creditKeys, creditsApi } from './credits-api'
import { RecommendationCard } from './recommendation-card'

const colors = ['teal.6', 'indigo.6', 'orange.6', 'grape.6', 'cyan.6', 'pink.6', 'lime.7', 'yellow.7']

function MoversTable({ title, rows }: { title: string; rows: Mover[] }) {
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label={title}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nobody.
        </Text>
      ) : (
        <Table verticalSpacing={6} aria-label={title}>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.actor}>
                <Table.Td>
                  {row.isPartner ? (
                    <AnchorLink to="/partners/$partnerId" params={{ partnerId: row.actor }}>
                      {row.name}
                    </AnchorLink>
                  ) : (
                    row.name
                  )}
                </Table.Td>
                <Table.Td
                  ta="right"
                  c={row.deltaMinor > 0n ? 'teal.7' : 'red.7'}
                  style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}
                >
                  {row.deltaMinor > 0n ? '+' : ''}
                  {formatMinor(row.deltaMinor, row.currency)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  )
}

export function ModelComparisonPage() {
  const comparison = useQuery({ queryKey: creditKeys.comparison({}), queryFn: () => creditsApi.comparison() })
  const [picked, setPicked] = useState<string | null>(null)
  const [target, setTarget] = useState<string | null>(null)

  if (comparison.isPending) return <PageLoader label="Comparing models…" />
  if (comparison.isError) return <ErrorAlert error={comparison.error} what="Model comparison" />
  const data = comparison.data
  const currencies = currenciesOf(data.rows)
  const currency = picked && currencies.includes(picked) ? picked : (currencies[0] ?? null)
  const paying = data.models.find((model) => model.role === 'paying')
  const others = data.models.filter((model) => model.role !== 'paying')
  const switchTo = others.find((model) => model.id === target) ?? others[0]

  const header = (
    <PageHeader
      title="Model comparison"
      description={`Won value credited to each partner under every enabled model${paying ? `, against ${paying.name} (paying)` : ''}`}
      actions={
        currencies.length > 1 ? (
          <Select
            label="Currency"
            data={currencies}
            value={currency}
            onChange={setPicked}
            allowDeselect={false}
            w={120}
          />
        ) : null
      }
    />
  )
  if (!currency)
    return (
      <>
        {header}
        <EmptyHint
          title="Nothing won yet"
          description="Once deals with partner touches are won, each model's credit for them is compared here."
        />
      </>
    )

  const rows = chartRows(data, currency, 15)
  const { winners, losers } = switchTo ? movers(data, currency, switchTo.id) : { winners: [], losers: [] }
  return (
    <>
      {header}
      <RecommendationCard />
      <Paper withBorder p="lg" radius="md" mb="lg" component="section" aria-label="Won value by model">
        <Title order={2} size="h4" mb="md">
          Won value by model ({currency})
        </Title>
        <BarChart
          h={Math.max(320, rows.length * 44)}
          data={rows}
          dataKey="actor"
          orientation="vertical"
          yAxisProps={{ width: 180 }}
          withLegend
          valueFormatter={(value) =>
            new Intl.NumberFormat(undefined, { style: 'currency', currency, notation: 'compact' }).format(
              value,
            )
          }
          series={data.models.map((model, i) => ({
            name: model.name,
            color: colors[i % colors.length] ?? 'gray.6',
          }))}
          aria-label={`Won value by model in ${currency}`}
        />
      </Paper>
      {switchTo ? (
        <>
          <Group mb="md" align="flex-end">
            <Select
              label="If the paying model became"
              data={others.map((model) => ({ value: model.id, label: model.name }))}
              value={switchTo.id}
              onChange={setTarget}
              allowDeselect={false}
              w={260}
            />
          </Group>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <MoversTable title="Biggest winners" rows={winners} />
            <MoversTable title="Biggest losers" rows={losers} />
          </SimpleGrid>
        </>
      ) : null}
    </>
  )
}
