// Console → Health: how many partners are healthy, on watch and at risk (a chart), the partners of a
// band worst first with the reasons that cost them the most points, each a click away from its page;
// recomputing every score now.
import { BarChart } from '@mantine/charts'
import { Button, Group, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core'
import { IconRefresh } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type {
  HealthBandValue,
  HealthPage as HealthPageView,
} from '../../../../src/modules/programs/health/health.contract'
import { EmptyHint } from '../../ui/empty-hint'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { formatCount } from '../../ui/money'
import { PageHeader } from '../../ui/page-header'
import { notifyError, notifySuccess } from '../../ui/problem'
import { AnchorLink } from '../../ui/router-link'
import { useMe } from '../identity/session'
import { healthApi, healthKeys } from './health-api'
import { BandBadge, bandColors, bandLabels, factorLabels } from './health-parts'
import { HealthSettingsPanel } from './health-settings'
import { canRunProgram } from './programs-api'

const bands: HealthBandValue[] = ['at_risk', 'watch', 'healthy', 'unscored']

function BandCounts({ counts }: { counts: HealthPageView['bands'] }) {
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }}>
      {bands.map((band) => (
        <Paper key={band} withBorder p="md" radius="md" aria-label={`${bandLabels[band]} partners`}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
            {bandLabels[band]}
          </Text>
          <Text size="xl" fw={700} c={band === 'unscored' ? undefined : `${bandColors[band]}.7`}>
            {formatCount(counts[band])}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  )
}

function HealthTable({ page }: { page: HealthPageView }) {
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="sm" aria-label="Partners by health">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Partner</Table.Th>
            <Table.Th>Score</Table.Th>
            <Table.Th>Why</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {page.items.map((item) => (
            <Table.Tr key={item.partnerId}>
              <Table.Td>
                <AnchorLink to="/partners/$partnerId" params={{ partnerId: item.partnerId }}>
                  {item.partnerName}
                </AnchorLink>
              </Table.Td>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Text fw={700} size="sm">
                    {item.score ?? '—'}
                  </Text>
                  <BandBadge band={item.band} />
                </Group>
              </Table.Td>
              <Table.Td>
                {item.topReasons.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {item.band === 'unscored' ? 'Not enough figures to weigh yet' : 'Nothing costs points'}
                  </Text>
                ) : (
                  <Stack gap={2}>
                    {item.topReasons.map((factor) => (
                      <Text key={factor.key} size="sm">
                        <Text span fw={600} size="sm">
                          {factorLabels[factor.key]}:
                        </Text>{' '}
                        {factor.reason}
                      </Text>
                    ))}
                  </Stack>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}

export function HealthPage() {
  const me = useMe()
  const queryClient = useQueryClient()
  const [band, setBand] = useState<HealthBandValue | 'all'>('at_risk')
  const list = useQuery({
    queryKey: healthKeys.list(band === 'all' ? null : band),
    queryFn: () => healthApi.list(band === 'all' ? null : band, null, 100),
  })
  const recompute = useMutation({
    mutationFn: healthApi.recompute,
    onSuccess: async (result) => {
      notifySuccess(
        `${formatCount(result.partners)} partners scored${result.enteredAtRisk > 0 ? `, ${formatCount(result.enteredAtRisk)} newly at risk` : ''}`,
      )
      await queryClient.invalidateQueries({ queryKey: healthKeys.all })
    },
    onError: (error) => notifyError(error, 'Recompute health'),
  })

  return (
    <>
      <PageHeader
        title="Health"
        description="Every partner scored each night from attributed revenue, activity, win rate, recency, certifications and disputes — with the reasons."
        actions={
          canRunProgram(me) ? (
            <Button
              leftSection={<IconRefresh size={16} />}
              loading={recompute.isPending}
              onClick={() => recompute.mutate()}
            >
              Recompute now
            </Button>
          ) : null
        }
      />
      {list.isPending ? (
        <PageLoader label="Loading partner health…" />
      ) : list.isError ? (
        <ErrorAlert error={list.error} what="Partner health" />
      ) : (
        <Stack gap="lg">
          <BandCounts counts={list.data.bands} />
          <Paper withBorder p="lg" radius="md">
            <Title order={2} size="h4" mb="md">
              Partners by band
            </Title>
            <BarChart
              h={220}
              data={bands.map((b) => ({ band: bandLabels[b], Partners: list.data.bands[b] }))}
              dataKey="band"
              series={[{ name: 'Partners', color: 'indigo.6' }]}
              tickLine="y"
              aria-label="Partners by health band"
            />
          </Paper>
          <Paper
            withBorder
            p="lg"
            radius="md"
            component="section"
            aria-label={band === 'all' ? 'All partners' : `${bandLabels[band]} partners`}
          >
            <Group justify="space-between" mb="md">
              <Title order={2} size="h4">
                {band === 'all' ? 'All partners' : `${bandLabels[band]} partners`}
              </Title>
              <SegmentedControl
                size="xs"
                value={band}
                onChange={(value) => setBand(value as HealthBandValue | 'all')}
                data={[
                  ...bands.map((b) => ({ value: b, label: bandLabels[b] })),
                  { value: 'all', label: 'All' },
                ]}
                aria-label="Band"
              />
            </Group>
            {list.data.items.length === 0 ? (
              <EmptyHint
                size="sm"
                title={band === 'at_risk' ? 'No partner is at risk' : 'No partners here'}
                description="Scores are computed every night; recompute now after importing deals or changing the settings."
              />
            ) : (
              <>
                <HealthTable page={list.data} />
                {list.data.total > list.data.items.length ? (
                  <Text size="xs" c="dimmed" mt="xs">
                    The {formatCount(list.data.items.length)} lowest scores of {formatCount(list.data.total)}
                  </Text>
                ) : null}
              </>
            )}
          </Paper>
          {canRunProgram(me) ? <HealthSettingsPanel /> : null}
        </Stack>
      )}
    </>
  )
}
