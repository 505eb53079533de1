// Loading, failure and not-found states shared by every page.
import { Alert, Center, Loader, Stack, Text } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { isApiError } from './api-client'

export function PageLoader({ label = 'Loading…' }: { label?: string }) {
  return (
    <Center py="xl">
      <Stack align="center" gap="xs">
        <Loader aria-label={label} />
        <Text c="dimmed" size="sm">
          {label}
        </Text>
      </Stack>
    </Center>
  )
}

export function ErrorAlert({ error, what }: { error: unknown; what: string }) {
  if (isApiError(error, 404)) {
    return (
      <Alert color="gray" icon={<IconAlertTriangle />} title={`${what} not found`}>
        It may have been removed, or it is not visible to you.
      </Alert>
    )
  }
  const detail = isApiError(error)
    ? (error.problem.detail ?? error.problem.title)
    : error instanceof Error
      ? error.message
      : 'Unknown error'
  return (
    <Alert color="red" icon={<IconAlertTriangle />} title={`Could not load ${what.toLowerCase()}`}>
      {detail}
    </Alert>
  )
}
