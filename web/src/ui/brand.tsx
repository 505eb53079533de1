// The product mark shown in the top left of both shells.
import { Group, Text, ThemeIcon } from '@mantine/core'
import { IconTopologyStar3 } from '@tabler/icons-react'

export function Brand({ suffix }: { suffix?: string }) {
  return (
    <Group gap="xs" wrap="nowrap">
      <ThemeIcon variant="light" radius="md">
        <IconTopologyStar3 size={18} />
      </ThemeIcon>
      <Text fw={700}>Credence</Text>
      {suffix ? (
        <Text c="dimmed" size="sm" visibleFrom="xs">
          {suffix}
        </Text>
      ) : null}
    </Group>
  )
}
