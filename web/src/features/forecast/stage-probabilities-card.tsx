// The win chance the org gives each pipeline stage: shown to staff, set by partner managers and admins.
// A stage left blank is forecast at the org's win rate.
import { Button, Group, NumberInput, Paper, Table, Text, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { notifyError, notifySuccess } from '../../ui/problem'
import { useMe } from '../identity/session'
import { canSetStageProbabilities, forecastApi, forecastKeys } from './forecast-api'

export function StageProbabilitiesCard() {
  const me = useMe()
  const client = useQueryClient()
  const stages = useQuery({ queryKey: forecastKeys.stages, queryFn: () => forecastApi.stageProbabilities() })
  // percent per stage as typed; a stage not typed keeps its saved value
  const [edits, setEdits] = useState<Record<string, number | ''>>({})
  const canEdit = canSetStageProbabilities(me)
  const save = useMutation({
    mutationFn: () => {
      const items = (stages.data?.items ?? []).flatMap((item) => {
        const typed = edits[item.stage]
        const percent =
          typed === undefined ? (item.probability === null ? '' : Number(item.probability) * 100) : typed
        return percent === ''
          ? []
          : [{ stage: item.stage, probability: String(Math.round(percent * 100) / 10_000) }]
      })
      return forecastApi.setStageProbabilities({ items })
    },
    onSuccess: async () => {
      setEdits({})
      await client.invalidateQueries({ queryKey: forecastKeys.all })
      notifySuccess('Stage probabilities saved')
    },
    onError: (error) => notifyError(error, 'Stage probabilities not saved'),
  })
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Stage probabilities">
      <Title order={2} size="h4" mb={4}>
        Stage probabilities
      </Title>
      {stages.isPending ? (
        <PageLoader label="Reading stages…" />
      ) : stages.isError ? (
        <ErrorAlert error={stages.error} what="Stage probabilities" />
      ) : (
        <>
          <Text size="sm" c="dimmed" mb="sm">
            A stage left blank is forecast at the win rate
            {stages.data.winRate === null ? '' : ` (${Math.round(stages.data.winRate * 1000) / 10}%)`}.
          </Text>
          <Table verticalSpacing={4} aria-label="Win chance by stage">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Stage</Table.Th>
                <Table.Th ta="right">Open deals</Table.Th>
                <Table.Th w={140}>Win chance %</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {stages.data.items.map((item) => {
                const saved =
                  item.probability === null ? '' : Math.round(Number(item.probability) * 10_000) / 100
                return (
                  <Table.Tr key={item.stage}>
                    <Table.Td>{item.stage}</Table.Td>
                    <Table.Td ta="right">{item.openDeals}</Table.Td>
                    <Table.Td>
                      <NumberInput
                        aria-label={`Win chance of ${item.stage}`}
                        value={edits[item.stage] ?? saved}
                        onChange={(value) =>
                          setEdits({ ...edits, [item.stage]: typeof value === 'number' ? value : '' })
                        }
                        min={0}
                        max={100}
                        decimalScale={2}
                        disabled={!canEdit}
                        size="xs"
                      />
                    </Table.Td>
                  </Table.Tr>
                )
              })}
            </Table.Tbody>
          </Table>
          {canEdit ? (
            <Group justify="flex-end" mt="sm">
              <Button
                onClick={() => save.mutate()}
                loading={save.isPending}
                disabled={Object.keys(edits).length === 0}
              >
                Save probabilities
              </Button>
            </Group>
          ) : null}
        </>
      )}
    </Paper>
  )
}
