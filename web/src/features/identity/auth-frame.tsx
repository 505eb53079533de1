// The centred card that the sign-in and invitation pages sit in.
import { Center, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core'
import { IconTopologyStar3 } from '@tabler/icons-react'
import type { ReactNode } from 'react'

export function AuthFrame({
  title,
  subtitle,
  children,
}: {
  title: string
  subtitle?: ReactNode
  children: ReactNode
}) {
  return (
    <Center mih="100vh" p="md" bg="var(--mantine-color-gray-light)">
      <Paper withBorder shadow="sm" radius="md" p="xl" w="100%" maw={420}>
        <Stack gap="lg">
          <Group gap="xs">
            <ThemeIcon variant="light" size="lg" radius="md">
              <IconTopologyStar3 size={20} />
            </ThemeIcon>
            <Text fw={700} size="lg">
              Credence
            </Text>
          </Group>
          <Stack gap={4}>
            <Title order={1} size="h3">
              {title}
            </Title>
            {subtitle ? <Text c="dimmed">{subtitle}</Text> : null}
          </Stack>
          {children}
        </Stack>
      </Paper>
    </Center>
  )
}
