// Staff's partner goals for a quarter: each with its progress, its chance and why; managers set a
// partner's target for revenue (credit under the paying model) or won deals.
import { Button, Group, Paper, SegmentedControl, Select, SimpleGrid, TextInput, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { EmptyHint } from '../../ui/empty-hint'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { PageHeader } from '../../ui/page-header'
import { notifyError, notifySuccess } from '../../ui/problem'
import { useMe } from '../identity/session'
import { PartnerPicker } from '../partners/partner-picker'
import { GoalCard } from './goal-card'
import { canSetGoals, goalKeys, goalsApi } from './goals-api'

/** This quarter and the next three, 2026-Q4 style. */
function quarters(now = new Date()): string[] {
  const keys: string[] = []
  let year = now.getUTCFullYear()
  let quarter = Math.floor(now.getUTCMonth() / 3) + 1
  for (let i = 0; i < 4; i++) {
    keys.push(`${year}-Q${quarter}`)
    quarter = quarter === 4 ? 1 : quarter + 1
    if (quarter === 1) year++
  }
  return keys
}

function SetGoalForm({ quarter }: { quarter: string }) {
  const client = useQueryClient()
  const [partnerId, setPartnerId] = useState<string | null>(null)
  const [metric, setMetric] = useState<'revenue' | 'deals'>('revenue')
  const [target, setTarget] = useState('')
  const [currency, setCurrency] = useState('USD')
  const save = useMutation({
    mutationFn: () =>
      goalsApi.set({
        partnerId: partnerId!,
        quarter,
        metric,
        target: target.trim(),
        ...(metric === 'revenue' ? { currency } : {}),
      }),
    onSuccess: async () => {
      notifySuccess('Goal set')
      setTarget('')
      await client.invalidateQueries({ queryKey: goalKeys.all })
    },
    onError: (error) => notifyError(error, 'The goal was not set'),
  })
  return (
    <Paper withBorder p="lg" radius="md" mb="lg" component="form" aria-label="Set a goal">
      <Title order={2} size="h4" mb="sm">
        Set a goal for {quarter}
      </Title>
      <Group align="flex-end">
        <PartnerPicker label="Partner" value={partnerId} onChange={setPartnerId} w={260} />
        <SegmentedControl
          aria-label="Metric"
          data={[
            { value: 'revenue', label: 'Revenue' },
            { value: 'deals', label: 'Won deals' },
          ]}
          value={metric}
          onChange={(value) => setMetric(value as typeof metric)}
        />
        <TextInput label="Target" value={target} onChange={(e) => setTarget(e.currentTarget.value)} w={160} />
        {metric === 'revenue' ? (
          <TextInput
            label="Currency"
            value={currency}
            onChange={(e) => setCurrency(e.currentTarget.value.toUpperCase())}
            w={90}
          />
        ) : null}
        <Button
          disabled={!partnerId || !target.trim()}
          loading={save.isPending}
          onClick={() => save.mutate()}
        >
          Set goal
        </Button>
      </Group>
    </Paper>
  )
}

export function GoalsPage() {
  const me = useMe()
  const options = quarters()
  const [quarter, setQuarter] = useState(options[0]!)
  const goals = useQuery({ queryKey: goalKeys.list(quarter), queryFn: () => goalsApi.list(quarter) })
  return (
    <>
      <PageHeader
        title="Goals"
        description="Partners' quarterly targets: progress from attributed credit, and the chance of reaching each from the deals still to close"
        actions={
          <Select
            label="Quarter"
            data={options}
            value={quarter}
            onChange={(v) => v && setQuarter(v)}
            allowDeselect={false}
            w={140}
          />
        }
      />
      {canSetGoals(me) ? <SetGoalForm quarter={quarter} /> : null}
      {goals.isPending ? (
        <PageLoader label="Reading goals…" />
      ) : goals.isError ? (
        <ErrorAlert error={goals.error} what="Goals" />
      ) : goals.data.items.length === 0 ? (
        <EmptyHint
          title="No goals this quarter"
          description="Set a partner's target for revenue or won deals above."
        />
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2, xl: 3 }}>
          {goals.data.items.map((goal) => (
            <GoalCard
              key={goal.id}
              goal={goal}
              title={`${goal.partner.name}: ${goal.metric === 'revenue' ? 'revenue' : 'won deals'}`}
            />
          ))}
        </SimpleGrid>
      )}
    </>
  )
}
