// The parts partner health is shown with: the band as a badge, each factor with its points, weight and
// reason (worded for staff or for the partner), and the score's trend over the last snapshots.
import { LineChart } from '@mantine/charts'
import { Badge, Group, Progress, Stack, Text } from '@mantine/core'
import type {
  HealthBandValue,
  HealthFactorView,
  PartnerHealthView,
} from '../../../../src/modules/programs/health/health.contract'

export const bandLabels: Record<HealthBandValue, string> = {
  healthy: 'Healthy',
  watch: 'Watch',
  at_risk: 'At risk',
  unscored: 'Not scored yet',
}
export const bandColors: Record<HealthBandValue, string> = {
  healthy: 'teal',
  watch: 'yellow',
  at_risk: 'red',
  unscored: 'gray',
}

export const factorLabels: Record<HealthFactorView['key'], string> = {
  revenue_trend: 'Attributed revenue trend',
  activity_attribution: 'Activity and attribution',
  win_rate: 'Win rate',
  recency: 'Time since last touch',
  certifications: 'Certifications',
  disputes: 'Disputes',
}

/** What a partner can do about a factor that costs points, said to the partner. */
const partnerAdvice: Record<HealthFactorView['key'], string> = {
  revenue_trend:
    'Your attributed revenue is lower than in the period before: register and co-sell new deals.',
  activity_attribution:
    'Your activity is not turning into attributed wins yet: log the deals you influence and register them early.',
  win_rate:
    'Fewer of the deals you touch close as won than across the program: ask your partner manager for help.',
  recency: 'We have not seen a touch from you for a while: log your latest customer activity.',
  certifications: 'Certificates of your people have lapsed: renew them in Training.',
  disputes: 'You have open disputes: reply in Commissions so they can be settled.',
}

export function BandBadge({ band, score }: { band: HealthBandValue; score?: number | null }) {
  return (
    <Badge color={bandColors[band]} variant="light">
      {bandLabels[band]}
      {score !== undefined && score !== null ? ` · ${score}` : ''}
    </Badge>
  )
}

export function FactorList({
  factors,
  area,
}: {
  factors: readonly HealthFactorView[]
  area: 'console' | 'portal'
}) {
  return (
    <Stack
      gap="sm"
      component="ul"
      style={{ listStyle: 'none', padding: 0, margin: 0 }}
      aria-label="Health factors"
    >
      {factors.map((factor) => (
        <Stack key={factor.key} gap={2} component="li" aria-label={factorLabels[factor.key]}>
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <Text size="sm" fw={600}>
              {factorLabels[factor.key]}
            </Text>
            <Text size="xs" c="dimmed">
              {factor.points === null
                ? 'left out'
                : `${factor.points} pts · ${Math.round(factor.share * 100)}% of the score`}
            </Text>
          </Group>
          {factor.points !== null ? (
            <Progress
              value={factor.points}
              size="sm"
              color={factor.points >= 70 ? 'teal' : factor.points >= 40 ? 'yellow' : 'red'}
              aria-label={`${factorLabels[factor.key]}: ${factor.points} of 100`}
            />
          ) : null}
          <Text size="sm" c={factor.points === null ? 'dimmed' : undefined}>
            {factor.reason}
          </Text>
          {area === 'portal' && factor.points !== null && factor.points < 70 ? (
            <Text size="sm" c="dimmed">
              {partnerAdvice[factor.key]}
            </Text>
          ) : null}
        </Stack>
      ))}
    </Stack>
  )
}

export function HealthTrend({ history }: { history: PartnerHealthView['history'] }) {
  const scored = history.filter((s) => s.score !== null)
  if (scored.length < 2)
    return (
      <Text size="xs" c="dimmed">
        The trend appears once the score has been computed on two days.
      </Text>
    )
  return (
    <LineChart
      h={120}
      data={scored.map((s) => ({ day: s.day.slice(5), Score: s.score }))}
      dataKey="day"
      series={[{ name: 'Score', color: 'indigo.6' }]}
      yAxisProps={{ domain: [0, 100], width: 30 }}
      curveType="monotone"
      withDots={false}
      aria-label="Health score trend"
    />
  )
}
