// One partner goal: how far it has come, the chance of reaching it by the quarter's end, and why; and
// the partner's own goals on the portal's first page.
import { Badge, Group, Paper, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import type { GoalView } from '../../../../src/modules/revenue/goals/goals.contract'
import { formatMoney } from '../../ui/money'
import { goalKeys, goalsApi } from './goals-api'

const statusLabels: Record<GoalView['status'], { label: string; color: string }> = {
  hit: { label: 'Hit', color: 'teal' },
  on_track: { label: 'On track', color: 'blue' },
  at_risk: { label: 'At risk', color: 'orange' },
  missed: { label: 'Missed', color: 'red' },
}

export function GoalCard({ goal, title }: { goal: GoalView; title: string }) {
  const status = statusLabels[goal.status]
  const target = goal.target.money ? formatMoney(goal.target.money) : `${goal.target.deals} deals`
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={title}>
      <Group justify="space-between" mb={4}>
        <Text fw={600}>{title}</Text>
        <Badge color={status.color}>{status.label}</Badge>
      </Group>
      <Text size="sm" c="dimmed" mb="xs">
        {goal.quarter} · {goal.metric === 'revenue' ? 'attributed revenue' : 'won deals'} · target {target} ·{' '}
        {Math.round(goal.chance * 100)}% chance
      </Text>
      <Progress
        value={Math.min(100, goal.progress * 100)}
        color={status.color}
        mb="xs"
        aria-label={`${title} progress`}
      />
      <Stack gap={2}>
        {goal.reasons.map((reason) => (
          <Text key={reason} size="xs">
            {reason}
          </Text>
        ))}
      </Stack>
    </Paper>
  )
}

/** The partner's goals for this quarter in the portal; nothing when none are set. */
export function PortalGoals() {
  const goals = useQuery({ queryKey: goalKeys.list(), queryFn: () => goalsApi.list() })
  if (!goals.data || goals.data.items.length === 0) return null
  return (
    <Stack gap="sm" component="section" aria-label="Your goals">
      <Title order={2} size="h4">
        Your goals this quarter
      </Title>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {goals.data.items.map((goal) => (
          <GoalCard
            key={goal.id}
            goal={goal}
            title={goal.metric === 'revenue' ? 'Revenue goal' : 'Won deals goal'}
          />
        ))}
      </SimpleGrid>
    </Stack>
  )
}
