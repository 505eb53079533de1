// A model's versions: every change of parameters or options made one, and for learned models every
// training made a candidate. Each shows what it learned and how well it did on deals it did not
// learn from; an admin trains a new candidate, promotes one, or rolls back to an earlier version.
import { BarChart } from '@mantine/charts'
import { Badge, Button, Code, Group, Stack, Table, Text } from '@mantine/core'
import { IconSchool } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { ModelView } from '../../../../src/modules/credits/credits.contract'
import { formatDateTime } from '../../ui/dates'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { notifyError, notifySuccess } from '../../ui/problem'
import { creditKeys, creditsApi, type ModelVersion } from './credits-api'

const two = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 })
const three = new Intl.NumberFormat(undefined, { minimumFractionDigits: 3, maximumFractionDigits: 3 })

/** "AUC 0.74 (baseline 0.50) · log-loss 0.561 (baseline 0.693)", or the deals it learned from. */
export function qualityLine(training: NonNullable<ModelVersion['training']>): string {
  const parts = [`learned from ${training.journeys.toLocaleString()} closed deals`]
  if (training.auc !== undefined && training.baselineAuc !== undefined)
    parts.push(`AUC ${two.format(training.auc)} (baseline ${two.format(training.baselineAuc)})`)
  if (training.logLoss !== undefined && training.baselineLogLoss !== undefined)
    parts.push(
      `log-loss ${three.format(training.logLoss)} (baseline ${three.format(training.baselineLogLoss)})`,
    )
  return parts.join(' · ')
}

/** Held-out deals by predicted win chance: what the model predicted beside what happened. */
function Calibration({ version }: { version: ModelVersion }) {
  const bins = version.training?.reliability ?? []
  if (bins.length === 0) return null
  return (
    <Stack gap={4} aria-label={`Calibration of version ${version.version}`}>
      <Text size="sm" fw={600}>
        Calibration of v{version.version}: predicted against observed win rate on held-out deals
      </Text>
      <BarChart
        h={180}
        data={bins.map((bin, index) => ({
          bin: `${index + 1}`,
          Predicted: Math.round(bin.predicted * 1000) / 10,
          Observed: Math.round(bin.observed * 1000) / 10,
        }))}
        dataKey="bin"
        unit="%"
        series={[
          { name: 'Predicted', color: 'indigo.5' },
          { name: 'Observed', color: 'teal.6' },
        ]}
        withLegend
      />
    </Stack>
  )
}

export function ModelVersions({ model, canChange }: { model: ModelView; canChange: boolean }) {
  const queryClient = useQueryClient()
  const versions = useQuery({
    queryKey: creditKeys.versions(model.id),
    queryFn: () => creditsApi.versions(model.id),
  })
  const refresh = () => queryClient.invalidateQueries({ queryKey: creditKeys.all })
  const train = useMutation({
    mutationFn: () => creditsApi.train(model.id),
    onSuccess: async (candidate) => {
      notifySuccess(`Trained: version ${candidate.version} is ready to promote`)
      await refresh()
    },
    onError: (error) => notifyError(error, `Could not train ${model.name}`),
  })
  const promote = useMutation({
    mutationFn: (version: number) => creditsApi.promote(model.id, version),
    onSuccess: async (updated) => {
      notifySuccess(`Version ${updated.version} of ${updated.name} is in force; credit is being recomputed`)
      await refresh()
    },
    onError: (error) => notifyError(error, 'Could not promote the version'),
  })
  if (versions.isPending) return <PageLoader label="Loading versions…" />
  if (versions.isError) return <ErrorAlert error={versions.error} what="Versions" />
  const items = [...versions.data.items].sort((a, b) => b.version - a.version)
  const inForce = items.find((version) => version.inForce)?.version ?? model.version
  const newestTrained = items.find((version) => version.training?.reliability?.length)
  return (
    <Stack>
      {model.isLearned ? (
        <Group justify="space-between" align="center">
          <Text size="sm" c="dimmed" maw={560}>
            {model.name} learns from your won and lost deals. Training makes a candidate version with its
            quality on deals it did not learn from; credit changes only when a version is promoted.
          </Text>
          {canChange ? (
            <Button
              leftSection={<IconSchool size={16} />}
              loading={train.isPending}
              onClick={() => train.mutate()}
            >
              Train now
            </Button>
          ) : null}
        </Group>
      ) : null}
      <Table verticalSpacing={6} aria-label={`Versions of ${model.name}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Version</Table.Th>
            <Table.Th>Parameters</Table.Th>
            <Table.Th>Options</Table.Th>
            {model.isLearned ? <Table.Th>Training</Table.Th> : null}
            <Table.Th>Made</Table.Th>
            {canChange ? <Table.Th /> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((version) => {
            const isCandidate = !version.inForce && version.version > inForce
            return (
              <Table.Tr key={version.version} aria-label={`Version ${version.version}`}>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    {version.version}
                    {version.inForce ? (
                      <Badge size="xs" color="teal" variant="light">
                        In force
                      </Badge>
                    ) : isCandidate ? (
                      <Badge size="xs" color="indigo" variant="light">
                        Candidate
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Code>{JSON.stringify(version.params)}</Code>
                </Table.Td>
                <Table.Td>
                  <Code>{JSON.stringify(version.options)}</Code>
                </Table.Td>
                {model.isLearned ? (
                  <Table.Td>
                    <Text size="xs">{version.training ? qualityLine(version.training) : 'Not trained'}</Text>
                  </Table.Td>
                ) : null}
                <Table.Td>
                  {formatDateTime(version.createdAt)} by {version.createdBy}
                </Table.Td>
                {canChange ? (
                  <Table.Td>
                    {version.inForce ? null : (
                      <Button
                        size="xs"
                        variant={isCandidate ? 'filled' : 'default'}
                        loading={promote.isPending && promote.variables === version.version}
                        onClick={() => promote.mutate(version.version)}
                      >
                        {isCandidate ? 'Promote' : 'Roll back to this'}
                      </Button>
                    )}
                  </Table.Td>
                ) : null}
              </Table.Tr>
            )
          })}
        </Table.Tbody>
      </Table>
      {newestTrained ? <Calibration version={newestTrained} /> : null}
    </Stack>
  )
}
