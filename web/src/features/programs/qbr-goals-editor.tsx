// Editing a review's goals for next quarter: free-form text with an optional numeric target — an
// amount in a currency for revenue, a count otherwise — saved together and audited on the server.
import { ActionIcon, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core'
import { IconPlus, IconTrash } from '@tabler/icons-react'
import { useState } from 'react'
import type { QbrGoal } from '../../../../src/modules/programs/qbr/qbr.contract'
import { minorDigits, minorToDecimal } from '../../ui/money'

type Metric = QbrGoal['metric']
interface GoalDraft {
  text: string
  metric: Metric
  target: string
}

const metricOptions = [
  { value: 'attributed_revenue', label: 'Attributed revenue' },
  { value: 'won_deals', label: 'Won deals' },
  { value: 'certifications', label: 'Certifications' },
  { value: 'other', label: 'Other' },
]

const toDraft = (goal: QbrGoal): GoalDraft => ({
  text: goal.text,
  metric: goal.metric,
  target:
    goal.targetMinor === null
      ? ''
      : goal.currency
        ? minorToDecimal(BigInt(goal.targetMinor), minorDigits(goal.currency))
        : goal.targetMinor,
})

/** "1430.5" in a 2-digit currency → "143050"; null when it is not an amount. */
function toMinor(text: string, digits: number): string | null {
  const match = /^(\d{1,15})(?:\.(\d+))?$/.exec(text.trim())
  if (!match || (match[2]?.length ?? 0) > digits) return null
  return BigInt(`${match[1]}${(match[2] ?? '').padEnd(digits, '0')}`).toString()
}

/** The drafts as goals, or the first problem in words. */
function toGoals(drafts: GoalDraft[], currency: string): { goals: QbrGoal[] } | { problem: string } {
  const goals: QbrGoal[] = []
  for (const [index, d] of drafts.entries()) {
    if (!d.text.trim()) return { problem: `Goal ${index + 1} needs a text` }
    if (!d.target.trim()) {
      goals.push({ text: d.text.trim(), metric: d.metric, currency: null, targetMinor: null })
      continue
    }
    const isMoney = d.metric === 'attributed_revenue'
    const minor = isMoney
      ? toMinor(d.target, minorDigits(currency))
      : /^\d{1,12}$/.test(d.target.trim())
        ? d.target.trim()
        : null
    if (minor === null)
      return {
        problem: `Goal ${index + 1}: the target must be ${isMoney ? `an amount in ${currency}` : 'a whole number'}`,
      }
    goals.push({
      text: d.text.trim(),
      metric: d.metric,
      currency: isMoney ? currency : null,
      targetMinor: minor,
    })
  }
  return { goals }
}

export function QbrGoalsEditor({
  goals,
  currency,
  isSaving,
  onSave,
}: {
  goals: QbrGoal[]
  /** The currency revenue targets are in. */
  currency: string
  isSaving: boolean
  onSave: (goals: QbrGoal[]) => void
}) {
  const [drafts, setDrafts] = useState<GoalDraft[]>(() => goals.map(toDraft))
  const [problem, setProblem] = useState<string | null>(null)
  const change = (index: number, patch: Partial<GoalDraft>) =>
    setDrafts((all) => all.map((d, i) => (i === index ? { ...d, ...patch } : d)))
  return (
    <Stack gap="sm">
      {drafts.length === 0 ? (
        <Text size="sm" c="dimmed">
          No goals yet: add one, with a target if it can be measured.
        </Text>
      ) : null}
      {drafts.map((d, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a goal is its position in the list
        <Group key={index} align="flex-end" wrap="wrap" gap="sm">
          <TextInput
            label={`Goal ${index + 1}`}
            value={d.text}
            onChange={(e) => change(index, { text: e.currentTarget.value })}
            style={{ flex: 3, minWidth: 220 }}
          />
          <Select
            label="Measures"
            data={metricOptions}
            value={d.metric}
            onChange={(value) => change(index, { metric: (value ?? 'other') as Metric })}
            allowDeselect={false}
            style={{ flex: 1, minWidth: 160 }}
          />
          <TextInput
            label={d.metric === 'attributed_revenue' ? `Target (${currency})` : 'Target'}
            value={d.target}
            onChange={(e) => change(index, { target: e.currentTarget.value })}
            placeholder="optional"
            style={{ flex: 1, minWidth: 120 }}
          />
          <ActionIcon
            variant="subtle"
            color="red"
            size="lg"
            aria-label={`Remove goal ${index + 1}`}
            onClick={() => setDrafts((all) => all.filter((_, i) => i !== index))}
          >
            <IconTrash size={16} />
          </ActionIcon>
        </Group>
      ))}
      {problem ? (
        <Text size="sm" c="red" role="alert">
          {problem}
        </Text>
      ) : null}
      <Group gap="sm">
        <Button
          variant="default"
          leftSection={<IconPlus size={16} />}
          onClick={() => setDrafts((all) => [...all, { text: '', metric: 'other', target: '' }])}
        >
          Add goal
        </Button>
        <Button
          loading={isSaving}
          onClick={() => {
            const result = toGoals(drafts, currency)
            if ('problem' in result) return setProblem(result.problem)
            setProblem(null)
            onSave(result.goals)
          }}
        >
          Save goals
        </Button>
      </Group>
    </Stack>
  )
}
