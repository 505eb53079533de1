// An empty state that says what to do next.
import { EmptyState } from '@mantine/core'
import { IconInbox } from '@tabler/icons-react'
import type { ReactNode } from 'react'

export function EmptyHint({
  title,
  description,
  action,
  icon,
  size = 'md',
}: {
  title: string
  description: ReactNode
  action?: ReactNode
  icon?: ReactNode
  size?: 'sm' | 'md'
}) {
  return (
    <EmptyState
      size={size}
      py={size === 'sm' ? 'md' : 'xl'}
      title={title}
      description={description}
      icon={icon ?? <IconInbox size={size === 'sm' ? 20 : 28} />}
      withIndicatorBackground
    >
      {action ? <EmptyState.Actions>{action}</EmptyState.Actions> : null}
    </EmptyState>
  )
}
