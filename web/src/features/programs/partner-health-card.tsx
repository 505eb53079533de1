// A partner's health: on its page in the console (score, band, every factor with its reason, the trend)
// and on the portal home for the partner's own score, with what they can do about each weak factor.
import { Group, Paper, Stack, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import type { PartnerHealthView } from '../../../../src/modules/programs/health/health.contract'
import { formatDate } from '../../ui/dates'
import { EmptyHint } from '../../ui/empty-hint'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { healthApi, healthKeys } from './health-api'
import { BandBadge, FactorList, HealthTrend } from './health-parts'

function HealthBody({ view, area }: { view: PartnerHealthView; area: 'console' | 'portal' }) {
  const latest = view.latest
  if (!latest)
    return (
      <EmptyHint
        size="sm"
        title="No health score yet"
        description={
          area === 'console'
            ? 'Scores are computed every night; recompute them on the Health page to see one now.'
            : 'Your health score appears after the next nightly computation.'
        }
      />
    )
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Stack gap={0}>
          <Text size="xl" fw={700} aria-label="Health score">
            {latest.score ?? '—'}
            <Text span size="sm" c="dimmed" fw={400}>
              {' '}
              / 100
            </Text>
          </Text>
          <Text size="xs" c="dimmed">
            As of {formatDate(latest.computedAt)}
          </Text>
        </Stack>
        <BandBadge band={latest.band} />
      </Group>
      <HealthTrend history={view.history} />
      <FactorList factors={latest.factors} area={area} />
    </Stack>
  )
}

export function PartnerHealthCard({ partnerId }: { partnerId: string }) {
  const health = useQuery({
    queryKey: healthKeys.partner(partnerId),
    queryFn: () => healthApi.partner(partnerId),
  })
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Health">
      <Title order={2} size="h4" mb="sm">
        Health
      </Title>
      {health.isPending ? (
        <PageLoader label="Loading health…" />
      ) : health.isError ? (
        <ErrorAlert error={health.error} what="Health" />
      ) : (
        <HealthBody view={health.data} area="console" />
      )}
    </Paper>
  )
}

export function PortalHealthCard() {
  const health = useQuery({ queryKey: healthKeys.mine, queryFn: healthApi.mine })
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Your health score">
      <Title order={2} size="h4" mb="sm">
        Your health score
      </Title>
      {health.isPending ? (
        <PageLoader label="Loading your health score…" />
      ) : health.isError ? (
        <ErrorAlert error={health.error} what="Health score" />
      ) : (
        <HealthBody view={health.data} area="portal" />
      )}
    </Paper>
  )
}
