// Console → Health → Settings: the window scores look at, the thresholds each factor reads, the band
// limits and each factor's weight. Saved settings take effect on the next recompute; the server's
// objections land on their inputs.
import { Button, Group, NumberInput, Paper, SimpleGrid, Text, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { HealthSettings } from '../../../../src/modules/programs/health/health.contract'
import { formatDateTime } from '../../ui/dates'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { useSubmit } from '../../ui/form-submit'
import { notifySuccess, showProblem } from '../../ui/problem'
import { healthApi, healthKeys } from './health-api'

const factorLabels: Record<keyof HealthSettings['weights'], string> = {
  revenue_trend: 'Attributed revenue trend',
  activity_attribution: 'Activity against attribution',
  win_rate: 'Win rate',
  recency: 'Time since last touch',
  certifications: 'Certification lapses',
  disputes: 'Open disputes',
}

const fields = [
  'windowDays',
  'highActivityTouches',
  'minClosedDeals',
  'freshDays',
  'staleDays',
  'bands.healthyMin',
  'bands.atRiskBelow',
  ...Object.keys(factorLabels).map((key) => `weights.${key}`),
]
// a problem about every weight at once lands on the first
const fieldOf = (path: string) =>
  path === 'weights' ? 'weights.revenue_trend' : fields.includes(path) ? path : null

export function HealthSettingsPanel() {
  const settings = useQuery({ queryKey: [...healthKeys.all, 'settings'], queryFn: healthApi.settings })
  if (settings.isPending) return <PageLoader label="Loading the health settings…" />
  if (settings.isError) return <ErrorAlert error={settings.error} what="Health settings" />
  return <SettingsForm initial={settings.data.settings} updatedAt={settings.data.updatedAt} />
}

function SettingsForm({ initial, updatedAt }: { initial: HealthSettings; updatedAt: string | null }) {
  const queryClient = useQueryClient()
  const form = useForm<HealthSettings>({ mode: 'controlled', initialValues: initial })
  const save = useMutation({
    mutationFn: healthApi.saveSettings,
    onSuccess: async () => {
      notifySuccess('Health settings saved: recompute to score every partner with them')
      await queryClient.invalidateQueries({ queryKey: [...healthKeys.all, 'settings'] })
    },
    onError: (error) => showProblem(form, error, fieldOf),
  })
  const submit = useSubmit(form, (values) => save.mutateAsync(values))
  const number = (path: string, label: string, description?: string) => (
    <NumberInput
      label={label}
      description={description}
      allowDecimal={false}
      {...form.getInputProps(path)}
      onChange={(value) => form.setFieldValue(path, typeof value === 'number' ? value : Number(value))}
    />
  )
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Health settings">
      <form onSubmit={submit} noValidate aria-label="Health settings form">
        <Group justify="space-between" mb="xs">
          <Title order={2} size="h4">
            Settings
          </Title>
          <Text size="xs" c="dimmed">
            {updatedAt ? `Saved ${formatDateTime(updatedAt)}` : 'The defaults: not saved yet'}
          </Text>
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 3 }} mb="md">
          {number('windowDays', 'Window (days)', 'Revenue now against the window before')}
          {number('highActivityTouches', 'High activity (touches)', 'With no attributed won revenue')}
          {number('minClosedDeals', 'Closed deals for a win rate')}
          {number('freshDays', 'Fresh (days since a touch)', 'Full points up to here')}
          {number('staleDays', 'Stale (days since a touch)', 'No points from here')}
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }} mb="md">
          {number('bands.healthyMin', 'Healthy from score')}
          {number('bands.atRiskBelow', 'At risk below score')}
        </SimpleGrid>
        <Text size="sm" fw={500} mb={4}>
          Weights
        </Text>
        <SimpleGrid cols={{ base: 2, sm: 3 }} mb="md">
          {Object.entries(factorLabels).map(([key, label]) => (
            <div key={key}>{number(`weights.${key}`, label)}</div>
          ))}
        </SimpleGrid>
        <Group justify="flex-end">
          <Button type="submit" loading={form.submitting}>
            Save settings
          </Button>
        </Group>
      </form>
    </Paper>
  )
}
