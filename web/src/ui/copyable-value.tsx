// A value shown once (a new secret or link) with a button to copy it, since the user cannot see it again.
import { ActionIcon, Code, CopyButton, Group, Tooltip } from '@mantine/core'
import { IconCheck, IconCopy } from '@tabler/icons-react'

export function CopyableValue({
  value,
  label,
  copyLabel,
  tooltip,
}: {
  value: string
  /** Names the value for screen readers and tests, e.g. 'New API key'. */
  label: string
  /** Names the copy button, e.g. 'Copy API key'. */
  copyLabel: string
  /** The hint shown on hover before copying, e.g. 'Copy key'. */
  tooltip: string
}) {
  return (
    <Group gap="xs" wrap="nowrap">
      <Code block style={{ flex: 1, wordBreak: 'break-all' }} aria-label={label}>
        {value}
      </Code>
      <CopyButton value={value}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? 'Copied' : tooltip}>
            <ActionIcon variant="light" onClick={copy} aria-label={copyLabel}>
              {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  )
}
