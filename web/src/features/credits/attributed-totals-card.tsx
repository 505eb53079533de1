// A partner's attributed won revenue and pipeline under the paying model, per currency, each
// figure leading to the deals (and so the explanations) behind it.
import { Group, Paper, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { formatCount, formatMoney } from '../../ui/money'
import { AnchorLink } from '../../ui/router-link'
import { formatShare } from './credit-math'
import { creditKeys, creditsApi } from './credits-api'

export function AttributedTotalsCard({ partnerId, area }: { partnerId: string; area: 'console' | 'portal' }) {
  // the server totals this partner alone (a partner user always gets only their own)
  const totals = useQuery({
    queryKey: creditKeys.totals({ partnerId }),
    queryFn: () => creditsApi.totals({ partnerId }),
  })
  const items = totals.data?.items ?? []
  const deals = (text: string) =>
    area === 'console' ? (
      <AnchorLink to="/deals" search={{ partnerId }} size="sm">
        {text}
      </AnchorLink>
    ) : (
      <AnchorLink to="/portal/deals" size="sm">
        {text}
      </AnchorLink>
    )

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Attributed revenue">
      <Group justify="space-between" align="baseline" mb="xs">
        <Title order={2} size="h4">
          Attributed revenue
        </Title>
        {deals(area === 'console' ? 'Their deals and credit' : 'Your deals and credit')}
      </Group>
      {totals.isPending ? (
        <PageLoader label="Adding up credit…" />
      ) : totals.isError ? (
        <ErrorAlert error={totals.error} what="Attributed revenue" />
      ) : (
        <>
          <Text size="sm" c="dimmed" mb="sm">
            Credit under {totals.data.model.name} (the paying model)
          </Text>
          {items.length === 0 ? (
            <Text size="sm" c="dimmed">
              No credit yet: it appears as {area === 'console' ? 'this partner' : 'you'} touch deals.
            </Text>
          ) : (
            <Table verticalSpacing={6} aria-label="Attributed revenue by currency">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Currency</Table.Th>
                  <Table.Th ta="right">Won</Table.Th>
                  <Table.Th ta="right">Pipeline</Table.Th>
                  <Table.Th ta="right">Conversions</Table.Th>
                  <Table.Th ta="right">Deals</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((item) => (
                  <Table.Tr key={item.currency} style={{ fontVariantNumeric: 'tabular-nums' }}>
                    <Table.Td>{item.currency}</Table.Td>
                    <Table.Td ta="right" fw={700}>
                      {formatMoney(item.won)}
                    </Table.Td>
                    <Table.Td ta="right">{formatMoney(item.pipeline)}</Table.Td>
                    <Table.Td ta="right" title={`${formatShare(item.conversions)} of a won deal in shares`}>
                      {new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }).format(
                        Number(item.conversions),
                      )}
                    </Table.Td>
                    <Table.Td ta="right">{formatCount(item.deals)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </>
      )}
    </Paper>
  )
}
