// The mark shown in the top left of both shells: Credence's, or in the portal the org's own logo or
// program name when it set them.
import { Group, Image, Text, ThemeIcon } from '@mantine/core'
import { IconTopologyStar3 } from '@tabler/icons-react'

export function Brand({
  suffix,
  name,
  logoUrl,
}: {
  suffix?: string
  /** The program's name in place of Credence's. */
  name?: string | null
  logoUrl?: string | null
}) {
  return (
    <Group gap="xs" wrap="nowrap">
      {logoUrl ? (
        <Image src={logoUrl} alt={name ?? 'Logo'} h={32} w="auto" fit="contain" />
      ) : (
        <>
          <ThemeIcon variant="light" radius="md">
            <IconTopologyStar3 size={18} />
          </ThemeIcon>
          <Text fw={700}>{name ?? 'Credence'}</Text>
        </>
      )}
      {suffix ? (
        <Text c="dimmed" size="sm" visibleFrom="xs">
          {suffix}
        </Text>
      ) : null}
    </Group>
  )
}
