// Partners who win deals like this one: on an open deal, the partners whose involvement went with the
// largest rise in the win rate of similar closed deals, with the samples behind each figure.
import { Badge, Paper, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { AnchorLink } from '../../ui/router-link'
import { forecastApi, forecastKeys } from './forecast-api'

const points = (lift: number | null) =>
  lift === null ? '—' : `${lift >= 0 ? '+' : '−'}${Math.abs(Math.round(lift * 100))} pts`

export function PartnerRecommendationsCard({ dealId }: { dealId: string }) {
  const recommendations = useQuery({
    queryKey: forecastKeys.recommendations(dealId),
    queryFn: () => forecastApi.recommendations(dealId),
  })
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Partners who win deals like this">
      <Title order={2} size="h4" mb={4}>
        Partners who win deals like this
      </Title>
      {recommendations.isPending ? (
        <PageLoader label="Comparing similar deals…" />
      ) : recommendations.isError ? (
        <ErrorAlert error={recommendations.error} what="Partner recommendations" />
      ) : (
        <>
          <Text size="sm" c="dimmed" mb="sm">
            {recommendations.data.similarDeals} closed deals alike in {recommendations.data.likeness}
            {recommendations.data.winRate === null
              ? '.'
              : `, won ${Math.round(recommendations.data.winRate * 100)}% of the time.`}
          </Text>
          {recommendations.data.items.length === 0 ? (
            <Text size="sm">No partner has worked three or more of them.</Text>
          ) : (
            <Table verticalSpacing={6} aria-label="Recommended partners">
              <Table.Tbody>
                {recommendations.data.items.map((item) => (
                  <Table.Tr key={item.partnerId}>
                    <Table.Td>
                      <AnchorLink to="/partners/$partnerId" params={{ partnerId: item.partnerId }}>
                        {item.name}
                      </AnchorLink>{' '}
                      {item.isOnDeal ? <Badge size="xs">on this deal</Badge> : null}
                      <Text size="xs" c="dimmed">
                        {item.reason}
                      </Text>
                    </Table.Td>
                    <Table.Td
                      ta="right"
                      fw={600}
                      c={item.lift !== null && item.lift < 0 ? 'red.7' : 'teal.7'}
                    >
                      {points(item.lift)}
                    </Table.Td>
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
