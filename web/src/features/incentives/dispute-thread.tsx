// A dispute's thread as both sides read it: every message with its evidence links, how the dispute
// was closed, and a reply with more evidence while it is open.
import { Anchor, Badge, Button, Group, Paper, Stack, Text, Textarea } from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconLink } from '@tabler/icons-react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { DisputeView } from '../../../../src/modules/incentives/disputes/disputes.contract'
import { formatDate, formatDateTime } from '../../ui/dates'
import { useSubmit } from '../../ui/form-submit'
import { formatMoney } from '../../ui/money'
import { notifySuccess, showProblem } from '../../ui/problem'
import { disputeFieldOf, type MessageDraft, messageInputOf } from './dispute-drafts'
import { type DisputeStatus, type DisputeSummary, disputesApi, incentiveKeys } from './incentives-api'

export const disputeStatusColors: Record<DisputeStatus, string> = {
  open: 'orange',
  adjusted: 'teal',
  resolved: 'blue',
  denied: 'gray',
}

const statusLabels: Record<DisputeStatus, string> = {
  open: 'Open',
  adjusted: 'Adjusted',
  resolved: 'Resolved',
  denied: 'Denied',
}

export function DisputeStatusBadge({ dispute }: { dispute: Pick<DisputeSummary, 'status' | 'isOverdue'> }) {
  return (
    <Group gap={4} wrap="nowrap">
      <Badge variant="light" color={disputeStatusColors[dispute.status]} miw="max-content">
        {statusLabels[dispute.status]}
      </Badge>
      {dispute.isOverdue ? (
        <Badge variant="filled" color="red" miw="max-content">
          Overdue
        </Badge>
      ) : null}
    </Group>
  )
}

/** When the answer is due, or when and how it came. */
export const dueText = (dispute: DisputeSummary): string =>
  dispute.status === 'open'
    ? `${dispute.isOverdue ? 'Answer was due' : 'Answer due'} ${formatDate(dispute.dueAt)}`
    : `Closed ${formatDate(dispute.closedAt)}`

export const evidenceHint = 'Links to an email, a meeting note or a shared document, one a line'

function Evidence({ links }: { links: string[] }) {
  if (links.length === 0) return null
  return (
    <Stack gap={2} mt={6}>
      {links.map((link) => (
        <Group key={link} gap={4} wrap="nowrap">
          <IconLink size={14} aria-hidden />
          <Anchor
            href={link}
            target="_blank"
            rel="noopener noreferrer nofollow"
            size="sm"
            style={{ overflowWrap: 'anywhere' }}
          >
            {link}
          </Anchor>
        </Group>
      ))}
    </Stack>
  )
}

export function DisputeThread({ dispute }: { dispute: DisputeView }) {
  return (
    <Stack gap="sm" component="section" aria-label="Thread">
      {dispute.messages.map((message) => (
        <Paper
          key={message.id}
          withBorder
          p="sm"
          radius="md"
          bg={message.side === 'staff' ? 'blue.0' : undefined}
          ml={message.side === 'staff' ? 'xl' : 0}
          mr={message.side === 'partner' ? 'xl' : 0}
          component="article"
          aria-label={`Message from ${message.author}`}
        >
          <Group justify="space-between" gap="xs" mb={4}>
            <Text size="sm" fw={600}>
              {message.author}
              <Text span size="xs" c="dimmed" fw={400}>
                {' '}
                · {message.side === 'staff' ? 'finance' : 'partner'}
              </Text>
            </Text>
            <Text size="xs" c="dimmed">
              {formatDateTime(message.createdAt)}
            </Text>
          </Group>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {message.message}
          </Text>
          <Evidence links={message.evidence} />
        </Paper>
      ))}
      {dispute.status !== 'open' ? <Closure dispute={dispute} /> : null}
    </Stack>
  )
}

function Closure({ dispute }: { dispute: DisputeView }) {
  const how =
    dispute.status === 'adjusted'
      ? 'Adjusted'
      : dispute.status === 'resolved'
        ? 'Resolved: the credit was put right at its source'
        : 'Denied'
  return (
    <Paper withBorder p="sm" radius="md" bg="gray.0" role="status" aria-label="How it was closed">
      <Group justify="space-between" align="baseline">
        <Text size="sm" fw={600}>
          {how}
        </Text>
        {dispute.adjustment ? (
          <Text fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
            {BigInt(dispute.adjustment.amountMinor) > 0n ? '+' : ''}
            {formatMoney(dispute.adjustment)}
          </Text>
        ) : null}
      </Group>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {dispute.resolution}
      </Text>
      <Text size="xs" c="dimmed" mt={4}>
        Closed by {dispute.closedBy} · {formatDateTime(dispute.closedAt)}
        {dispute.adjustment ? ' · the adjustment is a line of its own in the commission lines' : ''}
      </Text>
    </Paper>
  )
}

/** Adds a message and evidence to an open dispute's thread. */
export function ReplyForm({ dispute }: { dispute: DisputeView }) {
  const queryClient = useQueryClient()
  const form = useForm<MessageDraft>({ initialValues: { message: '', evidence: '' } })
  const send = useMutation({
    mutationFn: async (draft: MessageDraft) => {
      const built = messageInputOf(draft)
      if (!built.value) {
        form.setErrors(built.errors)
        throw new Error('invalid')
      }
      return disputesApi.addMessage(dispute.id, built.value)
    },
    onSuccess: async (saved) => {
      queryClient.setQueryData(incentiveKeys.dispute(saved.id), saved)
      form.reset()
      notifySuccess('Message added')
      await queryClient.invalidateQueries({ queryKey: incentiveKeys.disputes })
    },
    onError: (error) => {
      if (error instanceof Error && error.message === 'invalid') return
      showProblem(form, error, disputeFieldOf)
    },
  })
  const submit = useSubmit(form, (draft) => send.mutateAsync(draft))
  return (
    <form onSubmit={submit} noValidate aria-label="Add to the thread">
      <Stack gap="sm">
        <Textarea label="Message" autosize minRows={3} required {...form.getInputProps('message')} />
        <Textarea
          label="Evidence links"
          description={evidenceHint}
          placeholder="https://"
          autosize
          minRows={2}
          {...form.getInputProps('evidence')}
        />
        <Group justify="flex-end">
          <Button type="submit" variant="default" loading={form.submitting}>
            Add message
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
