// A list's filter by who works each record: all of them, the caller's own, or those nobody has.
import { SegmentedControl, Stack, Text } from '@mantine/core'

export type Assignee = 'all' | 'me' | 'none'

export function AssigneeFilter({
  value,
  onChange,
}: {
  value: Assignee
  onChange: (value: Assignee) => void
}) {
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        Assignee
      </Text>
      <SegmentedControl
        aria-label="Assignee"
        value={value}
        onChange={(next) => onChange(next === 'me' || next === 'none' ? next : 'all')}
        data={[
          { value: 'all', label: 'All' },
          { value: 'me', label: 'Mine' },
          { value: 'none', label: 'Unassigned' },
        ]}
      />
    </Stack>
  )
}
