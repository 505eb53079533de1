// Portal → Leaderboard: where the partner stands among the partners that chose to appear, ranked by
// attributed revenue; the partner admin chooses whether their company appears.
import { Alert, Group, Paper, Stack, Switch, Text, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { isApiError } from '../../ui/api-client'
import { EmptyHint } from '../../ui/empty-hint'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { formatCount, formatMoney } from '../../ui/money'
import { PageHeader } from '../../ui/page-header'
import { notifyError, notifySuccess } from '../../ui/problem'
import { useMe } from '../identity/session'
import { leaderboardApi, leaderboardKeys } from './leaderboard-api'
import { LeaderboardChart, LeaderboardTable, periodLine } from './leaderboard-parts'

export function PortalLeaderboard() {
  const me = useMe()
  const queryClient = useQueryClient()
  const board = useQuery({ queryKey: leaderboardKeys.board, queryFn: leaderboardApi.board, retry: false })
  const join = useMutation({
    mutationFn: leaderboardApi.join,
    onSuccess: (view) => {
      queryClient.setQueryData(leaderboardKeys.board, view)
      notifySuccess(view.you?.joined ? 'You are on the leaderboard' : 'You left the leaderboard')
    },
    onError: (error) => notifyError(error),
  })
  const header = (
    <PageHeader
      title="Leaderboard"
      description="Partners ranked by the revenue attributed to them, not by activity."
    />
  )
  if (board.isPending)
    return (
      <>
        {header}
        <PageLoader label="Loading the leaderboard…" />
      </>
    )
  if (board.isError)
    return (
      <>
        {header}
        {isApiError(board.error, 404) ? (
          <EmptyHint
            title="No leaderboard in this program"
            description="Your partner manager has not switched the leaderboard on."
          />
        ) : (
          <ErrorAlert error={board.error} what="Leaderboard" />
        )}
      </>
    )
  const you = board.data.you
  return (
    <>
      {header}
      <Stack gap="lg">
        <Paper withBorder p="lg" radius="md" component="section" aria-label="Your place">
          <Group justify="space-between" align="flex-start" wrap="wrap">
            <Stack gap={2}>
              <Title order={2} size="h4">
                {you?.rank
                  ? `You are #${you.rank} of ${formatCount(board.data.members)}`
                  : 'You are not on the board'}
              </Title>
              <Text size="sm" c="dimmed">
                {you ? `${formatMoney(you.revenue)} attributed on ${formatCount(you.deals)} won deals` : null}
              </Text>
            </Stack>
            {me.user.role === 'partner_admin' ? (
              <Switch
                label="Show my company on the leaderboard"
                checked={you?.joined ?? false}
                disabled={join.isPending}
                onChange={(event) => join.mutate(event.currentTarget.checked)}
              />
            ) : (
              <Text size="xs" c="dimmed" maw={260}>
                Your partner admin chooses whether your company appears on the board.
              </Text>
            )}
          </Group>
        </Paper>
        <Paper withBorder p="lg" radius="md" component="section" aria-label="Partner ranking">
          <Stack gap="md">
            <Text size="sm" c="dimmed">
              {periodLine(board.data)}
            </Text>
            {board.data.leftOut.length > 0 ? (
              <Alert color="yellow" variant="light">
                Credit in {board.data.leftOut.join(', ')} is left out: no exchange rate converts it yet.
              </Alert>
            ) : null}
            <LeaderboardChart board={board.data} />
            <LeaderboardTable
              board={board.data}
              emptyHint="Partners appear here once their admin chooses to join."
            />
          </Stack>
        </Paper>
      </Stack>
    </>
  )
}
