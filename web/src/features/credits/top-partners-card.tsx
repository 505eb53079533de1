// The dashboard's top partners by attributed won revenue under the filter's model (the paying one by
// default), each leading to the partner, and each amount to the deals behind it. Currencies are
// never mixed on one bar: each bar compares within its currency.
import { Group, Paper, Progress, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { formatMoney } from '../../ui/money'
import { AnchorLink } from '../../ui/router-link'
import { type CreditFilter, filterQuery } from './credit-filter'
import { creditKeys, creditsApi } from './credits-api'
import { FigureLink } from './partner-impact-card'

export function TopPartnersCard({ filter, count = 8 }: { filter: CreditFilter; count?: number }) {
  const today = new Date().toISOString().slice(0, 10)
  const query = filterQuery(filter, new Date(`${today}T12:00:00Z`))
  const totals = useQuery({ queryKey: creditKeys.totals(query), queryFn: () => creditsApi.totals(query) })
  const top = (totals.data?.items ?? []).filter((item) => item.actor !== 'direct').slice(0, count)
  const largest = new Map<string, bigint>()
  for (const item of top) {
    const won = BigInt(item.won.amountMinor)
    if (won > (largest.get(item.currency) ?? 0n)) largest.set(item.currency, won)
  }

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Top partners by attributed revenue">
      <Group justify="space-between" align="baseline" mb="xs">
        <Title order={2} size="h4">
          Top partners by attributed revenue
        </Title>
        <AnchorLink to="/attribution/comparison" size="sm">
          Compare models
        </AnchorLink>
      </Group>
      {totals.isPending ? (
        <PageLoader label="Adding up credit…" />
      ) : totals.isError ? (
        <ErrorAlert error={totals.error} what="Attributed revenue" />
      ) : top.length === 0 ? (
        <Text size="sm" c="dimmed">
          No partner credit yet: it appears as partners touch deals that are won.
        </Text>
      ) : (
        <>
          <Text size="sm" c="dimmed" mb="sm">
            Won value credited under {totals.data.model.name}
            {filter.model ? '' : ' (the paying model)'}
          </Text>
          <Table verticalSpacing={6} aria-label="Top partners by attributed revenue">
            <Table.Tbody>
              {top.map((item) => {
                const max = largest.get(item.currency) ?? 1n
                const percent = max > 0n ? Number((BigInt(item.won.amountMinor) * 1000n) / max) / 10 : 0
                return (
                  <Table.Tr key={`${item.actor}-${item.currency}`}>
                    <Table.Td w="40%">
                      <AnchorLink to="/partners/$partnerId" params={{ partnerId: item.actor }}>
                        {item.partnerName ?? item.actor}
                      </AnchorLink>
                    </Table.Td>
                    <Table.Td>
                      <Progress value={percent} color="teal.6" aria-hidden />
                    </Table.Td>
                    <Table.Td
                      ta="right"
                      fw={600}
                      style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}
                    >
                      <FigureLink
                        to={{ ...filter, credited: item.actor, outcome: 'won', currency: item.currency }}
                        label={`Won deals credited to ${item.partnerName ?? item.actor} in ${item.currency}`}
                      >
                        {formatMoney(item.won)}
                      </FigureLink>
                    </Table.Td>
                  </Table.Tr>
                )
              })}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Paper>
  )
}
