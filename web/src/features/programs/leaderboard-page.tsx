// Console → Leaderboard: the board as staff see it (amounts always; also while partners cannot see it
// yet) and the settings that decide whether partners see it, over what period, with or without amounts.
import { Button, Group, NumberInput, Paper, SimpleGrid, Stack, Switch, Text, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { LeaderboardSettings } from '../../../../src/modules/programs/leaderboard/leaderboard.contract'
import { formatDateTime } from '../../ui/dates'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { useSubmit } from '../../ui/form-submit'
import { formatCount } from '../../ui/money'
import { PageHeader } from '../../ui/page-header'
import { notifySuccess, showProblem } from '../../ui/problem'
import { useMe } from '../identity/session'
import { leaderboardApi, leaderboardKeys } from './leaderboard-api'
import { LeaderboardChart, LeaderboardTable, periodLine } from './leaderboard-parts'
import { canRunProgram } from './programs-api'

const fields = ['enabled', 'periodMonths', 'showAmounts', 'size']

function SettingsForm({ initial, updatedAt }: { initial: LeaderboardSettings; updatedAt: string | null }) {
  const queryClient = useQueryClient()
  const form = useForm<LeaderboardSettings>({ mode: 'controlled', initialValues: initial })
  const save = useMutation({
    mutationFn: leaderboardApi.saveSettings,
    onSuccess: async (view) => {
      notifySuccess(
        view.settings.enabled
          ? 'Leaderboard saved: partners see it in the portal'
          : 'Leaderboard saved: hidden from partners',
      )
      await queryClient.invalidateQueries({ queryKey: leaderboardKeys.all })
    },
    onError: (error) => showProblem(form, error, (path) => (fields.includes(path) ? path : null)),
  })
  const submit = useSubmit(form, (values) => save.mutateAsync(values))
  const number = (path: 'periodMonths' | 'size', label: string, description: string) => (
    <NumberInput
      label={label}
      description={description}
      allowDecimal={false}
      {...form.getInputProps(path)}
      onChange={(value) => form.setFieldValue(path, typeof value === 'number' ? value : Number(value))}
    />
  )
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Leaderboard settings">
      <form onSubmit={submit} noValidate aria-label="Leaderboard settings form">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4">
            Settings
          </Title>
          <Text size="xs" c="dimmed">
            {updatedAt ? `Saved ${formatDateTime(updatedAt)}` : 'The defaults: not saved yet'}
          </Text>
        </Group>
        <Stack gap="sm" mb="md">
          <Switch
            label="Show the leaderboard in the portal"
            description="Only partners whose admin chose to join are ranked"
            {...form.getInputProps('enabled', { type: 'checkbox' })}
          />
          <Switch
            label="Show partners each other’s attributed revenue"
            description="Off: partners see ranks, and only their own amount"
            {...form.getInputProps('showAmounts', { type: 'checkbox' })}
          />
        </Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }} mb="md">
          {number('periodMonths', 'Period (months)', 'Deals won in the last months count')}
          {number('size', 'Places shown', 'How many partners the board lists')}
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

export function LeaderboardPage() {
  const me = useMe()
  const board = useQuery({ queryKey: leaderboardKeys.board, queryFn: leaderboardApi.board })
  const settings = useQuery({
    queryKey: leaderboardKeys.settings,
    queryFn: leaderboardApi.settings,
    enabled: canRunProgram(me),
  })
  return (
    <>
      <PageHeader
        title="Leaderboard"
        description="Partners that chose to appear, ranked by the revenue attributed to them — not by activity."
      />
      <Stack gap="lg">
        <Paper withBorder p="lg" radius="md" component="section" aria-label="Partner ranking">
          {board.isPending ? (
            <PageLoader label="Loading the leaderboard…" />
          ) : board.isError ? (
            <ErrorAlert error={board.error} what="Leaderboard" />
          ) : (
            <Stack gap="md">
              <Group justify="space-between">
                <Text size="sm" c="dimmed">
                  {periodLine(board.data)}
                </Text>
                <Text size="sm" fw={500}>
                  {formatCount(board.data.members)} {board.data.members === 1 ? 'partner' : 'partners'} joined
                  {board.data.enabled ? '' : ' · hidden from partners'}
                </Text>
              </Group>
              <LeaderboardChart board={board.data} />
              <LeaderboardTable
                board={board.data}
                emptyHint="Partner admins join from the Leaderboard tab of their portal once it is switched on."
              />
            </Stack>
          )}
        </Paper>
        {canRunProgram(me) ? (
          settings.isPending ? (
            <PageLoader label="Loading the settings…" />
          ) : settings.isError ? (
            <ErrorAlert error={settings.error} what="Leaderboard settings" />
          ) : (
            <SettingsForm initial={settings.data.settings} updatedAt={settings.data.updatedAt} />
          )
        ) : null}
      </Stack>
    </>
  )
}
