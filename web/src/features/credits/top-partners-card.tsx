// The dashboard's top partners by attributed won revenue under the paying model, each leading to
// the partner. Currencies are never mixed on one bar: each bar compares within its currency.
import { Group, Paper, Progress, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { formatMoney } from '../../ui/money'
import { AnchorLink } from '../../ui/router-link'
import { creditKeys, creditsApi } from './credits-api'

export function TopPartnersCard({ count = 8 }: { count?: number }) {
  const totals = useQuery({ queryKey: creditKeys.totals({}), queryFn: () => creditsApi.totals() })
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
            Won value credited under {totals.data.model.name} (the paying model)
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
                      {formatMoney(item.won)}
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
