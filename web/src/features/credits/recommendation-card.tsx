// Which model to pay on, from the org's own history: each enabled model's earlier credit against the
// revenue partners won later, ranked, with the reasoning in words. An admin may make the best one
// paying from here; the org's credit is then recomputed under it.
import { Badge, Button, Group, Paper, Table, Text, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { formatDate } from '../../ui/dates'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { notifyError, notifySuccess } from '../../ui/problem'
import { canAdminister, useMe } from '../identity/session'
import { creditKeys, creditsApi } from './credits-api'

const two = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 })
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 })

export function RecommendationCard() {
  const me = useMe()
  const queryClient = useQueryClient()
  const recommendation = useQuery({ queryKey: creditKeys.recommendation, queryFn: creditsApi.recommendation })
  const makePaying = useMutation({
    mutationFn: (modelId: string) => creditsApi.updateModel(modelId, { role: 'paying' }),
    onSuccess: async (model) => {
      notifySuccess(`${model.name} is now the paying model; every deal's credit is being recomputed`)
      await queryClient.invalidateQueries({ queryKey: creditKeys.all })
    },
    onError: (error) => notifyError(error, 'Could not change the paying model'),
  })
  const view = recommendation.data
  const best = view?.best ? view.scores.find((s) => s.modelId === view.best?.modelId) : undefined
  return (
    <Paper withBorder p="lg" radius="md" mb="lg" component="section" aria-label="Which model to pay on">
      <Group justify="space-between" align="baseline" mb="xs">
        <Title order={2} size="h4">
          Which model to pay on
        </Title>
        {best && best.role !== 'paying' && canAdminister(me) ? (
          <Button size="xs" loading={makePaying.isPending} onClick={() => makePaying.mutate(best.modelId)}>
            Make {best.name} paying
          </Button>
        ) : null}
      </Group>
      {recommendation.isPending ? (
        <PageLoader label="Backtesting every model on your history…" />
      ) : recommendation.isError ? (
        <ErrorAlert error={recommendation.error} what="Recommendation" />
      ) : (
        <>
          <Text size="sm" mb="sm">
            {recommendation.data.explanation}
          </Text>
          {recommendation.data.scores.length > 0 ? (
            <>
              <Text size="xs" c="dimmed" mb="xs">
                {recommendation.data.currency} deals closed before {formatDate(recommendation.data.splitAt)} (
                {recommendation.data.earlierDeals}) credited by each model, against the revenue won after it (
                {recommendation.data.laterDeals} deals, {recommendation.data.actors} actors).
              </Text>
              <Table verticalSpacing={6} aria-label="Models ranked by how well they predict">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Rank</Table.Th>
                    <Table.Th>Model</Table.Th>
                    <Table.Th
                      ta="right"
                      title="Rank correlation of earlier credit with later revenue, -1 to 1"
                    >
                      Rank correlation
                    </Table.Th>
                    <Table.Th ta="right" title="How far the credit shares are from the later revenue shares">
                      Weighted error
                    </Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {recommendation.data.scores.map((score) => (
                    <Table.Tr key={score.modelId} style={{ fontVariantNumeric: 'tabular-nums' }}>
                      <Table.Td>{score.rank}</Table.Td>
                      <Table.Td>
                        {score.name}{' '}
                        {score.role === 'paying' ? (
                          <Badge size="xs" color="teal" variant="light">
                            Paying
                          </Badge>
                        ) : null}
                      </Table.Td>
                      <Table.Td ta="right">{two.format(score.rankCorrelation)}</Table.Td>
                      <Table.Td ta="right">{percent.format(score.weightedError)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </>
          ) : null}
        </>
      )}
    </Paper>
  )
}
