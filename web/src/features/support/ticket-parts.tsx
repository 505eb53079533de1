// A ticket as both sides read it: status, priority and SLA badges, the thread with its files (internal
// notes marked, and only staff ever receive them), and the reply form with files to attach.
import {
  Anchor,
  Badge,
  Button,
  FileInput,
  Group,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core'
import { type UseFormReturnType, useForm } from '@mantine/form'
import { IconPaperclip } from '@tabler/icons-react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import type {
  SlaState,
  TicketPriority,
  TicketStatus,
  TicketSummaryView,
  TicketView,
} from '../../../../src/modules/programs/support/support.contract'
import { formatDateTime } from '../../ui/dates'
import { useSubmit } from '../../ui/form-submit'
import { notifyError, notifySuccess, showProblem } from '../../ui/problem'
import { maxFileBytes, supportApi, supportKeys } from './support-api'

export const statusLabels: Record<TicketStatus, string> = {
  open: 'Open',
  pending_partner: 'Waiting on partner',
  pending_vendor: 'Waiting on partner team',
  resolved: 'Resolved',
  closed: 'Closed',
}
const statusColors: Record<TicketStatus, string> = {
  open: 'orange',
  pending_partner: 'grape',
  pending_vendor: 'blue',
  resolved: 'teal',
  closed: 'gray',
}
export const priorityLabels: Record<TicketPriority, string> = {
  low: 'Low',
  normal: 'Normal',
  high: 'High',
  urgent: 'Urgent',
}
const priorityColors: Record<TicketPriority, string> = {
  low: 'gray',
  normal: 'blue',
  high: 'orange',
  urgent: 'red',
}
export const categoryLabels = {
  question: 'Question',
  technical: 'Technical',
  commission: 'Commission',
  deal_registration: 'Deal registration',
  other: 'Other',
} as const

type TicketField = 'subject' | 'category' | 'priority'

/** What a new ticket is about: its subject, category and priority (in the portal's and the console's forms). */
export function TicketAboutFields({
  inputProps,
}: {
  inputProps: (
    field: TicketField,
  ) => ReturnType<UseFormReturnType<Record<TicketField, unknown>>['getInputProps']>
}) {
  return (
    <>
      <TextInput label="Subject" required {...inputProps('subject')} />
      <Group grow align="flex-start">
        <Select
          label="Category"
          required
          placeholder="What is it about?"
          data={Object.entries(categoryLabels).map(([value, label]) => ({ value, label }))}
          {...inputProps('category')}
        />
        <Select
          label="Priority"
          allowDeselect={false}
          data={Object.entries(priorityLabels).map(([value, label]) => ({ value, label }))}
          {...inputProps('priority')}
        />
      </Group>
    </>
  )
}

export function TicketStatusBadge({ status }: { status: TicketStatus }) {
  return (
    <Badge variant="light" color={statusColors[status]} miw="max-content">
      {statusLabels[status]}
    </Badge>
  )
}

export function PriorityBadge({ priority }: { priority: TicketPriority }) {
  return (
    <Badge variant={priority === 'urgent' ? 'filled' : 'outline'} color={priorityColors[priority]}>
      {priorityLabels[priority]}
    </Badge>
  )
}

const slaLabels: Record<SlaState, string> = {
  on_track: 'On track',
  due_soon: 'Due soon',
  breached: 'SLA breached',
  met: 'SLA met',
}
const slaColors: Record<SlaState, string> = {
  on_track: 'green',
  due_soon: 'yellow',
  breached: 'red',
  met: 'teal',
}

export function SlaBadge({ sla }: { sla: TicketSummaryView['sla'] }) {
  return (
    <Badge
      variant={sla.state === 'breached' ? 'filled' : 'light'}
      color={slaColors[sla.state]}
      miw="max-content"
    >
      {slaLabels[sla.state]}
    </Badge>
  )
}

/** A number of minutes in words: "3 h 20 min" or "2 d 4 h". */
function durationText(minutes: number): string {
  const abs = Math.abs(minutes)
  const days = Math.floor(abs / 1440)
  const hours = Math.floor((abs % 1440) / 60)
  const mins = abs % 60
  return days > 0 ? `${days} d ${hours} h` : hours > 0 ? `${hours} h ${mins} min` : `${mins} min`
}

/** Minutes left in words: "3 h 20 min left" or "2 h overdue". */
export function remainingText(minutes: number): string {
  return minutes < 0 ? `${durationText(minutes)} overdue` : `${durationText(minutes)} left`
}

/** The two SLA clocks in words, for the ticket page. */
export function SlaDetails({ ticket }: { ticket: TicketSummaryView }) {
  const line = (label: string, clock: TicketSummaryView['sla']['firstResponse']) => (
    <Text size="sm" c={clock.isBreached ? 'red' : undefined}>
      {label}: due {formatDateTime(clock.dueAt)}
      {clock.doneAt
        ? ` · met ${formatDateTime(clock.doneAt)}${clock.isBreached ? ' (late)' : ''}`
        : clock.remainingMinutes !== null
          ? ` · ${remainingText(clock.remainingMinutes)}`
          : ''}
    </Text>
  )
  const { isPaused, pausedMinutes } = ticket.sla
  return (
    <Stack gap={2} aria-label="Service level">
      {line('First response', ticket.sla.firstResponse)}
      {line('Resolution', ticket.sla.resolution)}
      {isPaused ? (
        <Text size="sm" c="dimmed">
          Resolution paused while waiting on the partner
          {pausedMinutes > 0 ? ` (${durationText(pausedMinutes)} so far)` : ''}
        </Text>
      ) : pausedMinutes > 0 ? (
        <Text size="sm" c="dimmed">
          Resolution due time moved back by {durationText(pausedMinutes)} spent waiting on the partner
        </Text>
      ) : null}
    </Stack>
  )
}

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : bytes >= 1024
      ? `${Math.round(bytes / 1024)} KB`
      : `${bytes} B`

export function TicketThread({ ticket }: { ticket: TicketView }) {
  return (
    <Stack gap="sm" component="section" aria-label="Thread">
      {ticket.messages.map((message) => (
        <Paper
          key={message.id}
          withBorder
          p="sm"
          radius="md"
          bg={message.isInternal ? 'yellow.0' : message.side === 'staff' ? 'blue.0' : undefined}
          ml={message.side === 'staff' ? 'xl' : 0}
          mr={message.side === 'partner' ? 'xl' : 0}
          component="article"
          aria-label={`${message.isInternal ? 'Internal note' : 'Message'} from ${message.authorName}`}
        >
          <Group justify="space-between" gap="xs" mb={4}>
            <Text size="sm" fw={600}>
              {message.authorName}
              <Text span size="xs" c="dimmed" fw={400}>
                {' '}
                ·{' '}
                {message.isInternal ? 'internal note' : message.side === 'staff' ? 'partner team' : 'partner'}
              </Text>
            </Text>
            <Text size="xs" c="dimmed">
              {formatDateTime(message.createdAt)}
            </Text>
          </Group>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {message.message}
          </Text>
          {message.attachments.length > 0 ? (
            <Stack gap={2} mt={6}>
              {message.attachments.map((file) => (
                <Group key={file.id} gap={4} wrap="nowrap">
                  <IconPaperclip size={14} aria-hidden />
                  <Anchor href={supportApi.downloadUrl(file.id)} download={file.name} size="sm">
                    {file.name}
                  </Anchor>
                  <Text span size="xs" c="dimmed">
                    {sizeText(file.sizeBytes)}
                  </Text>
                </Group>
              ))}
            </Stack>
          ) : null}
        </Paper>
      ))}
    </Stack>
  )
}

/** Uploads the files to a message just written; a refused file is reported and the rest still go. */
export async function attachFiles(ticketId: string, messageId: string, files: File[]): Promise<number> {
  let sent = 0
  for (const file of files) {
    try {
      await supportApi.attach(ticketId, messageId, file)
      sent++
    } catch (error) {
      notifyError(error, `${file.name} was not attached`)
    }
  }
  return sent
}

export function FilesInput(props: { value: File[]; onChange: (files: File[]) => void; error?: unknown }) {
  return (
    <FileInput
      label="Attachments"
      description="PDF, images, text, CSV, zip or Office files, 10 MB each"
      placeholder="Choose files"
      multiple
      clearable
      leftSection={<IconPaperclip size={16} />}
      value={props.value}
      onChange={props.onChange}
      error={props.error as string | undefined}
    />
  )
}

/** Checks chosen files before anything is sent: the size the server would refuse. */
export const filesError = (files: File[]): string | null => {
  const big = files.find((file) => file.size > maxFileBytes)
  return big ? `${big.name} is larger than 10 MB` : null
}

type ReplyDraft = { message: string; files: File[] }

/**
 * A reply the other side reads (or, with `isInternal`, a note for the partner team only), with files.
 */
export function ReplyForm({ ticket, isInternal = false }: { ticket: TicketView; isInternal?: boolean }) {
  const queryClient = useQueryClient()
  const form = useForm<ReplyDraft>({
    initialValues: { message: '', files: [] },
    validate: {
      message: (value) => (value.trim() ? null : 'Write a message'),
      files: filesError,
    },
  })
  const send = useMutation({
    mutationFn: async (draft: ReplyDraft) => {
      const saved = await (isInternal ? supportApi.note : supportApi.reply)(ticket.id, draft.message)
      const mine = saved.messages.at(-1)
      if (mine && draft.files.length > 0) {
        await attachFiles(saved.id, mine.id, draft.files)
        return supportApi.get(saved.id)
      }
      return saved
    },
    onSuccess: async (saved) => {
      queryClient.setQueryData(supportKeys.ticket(saved.id), saved)
      form.reset()
      notifySuccess(isInternal ? 'Note added' : 'Reply sent')
      await queryClient.invalidateQueries({ queryKey: supportKeys.all })
    },
    onError: (error) => showProblem(form, error, (path) => (path === 'message' ? 'message' : null)),
  })
  const submit = useSubmit(form, (draft) => send.mutateAsync(draft))
  const label = isInternal ? 'Internal note' : 'Reply'
  return (
    <form onSubmit={submit} noValidate aria-label={label}>
      <Stack gap="sm">
        <Textarea
          label={isInternal ? 'Note' : 'Message'}
          description={isInternal ? 'Only the partner team sees it' : undefined}
          autosize
          minRows={3}
          required
          {...form.getInputProps('message')}
        />
        <FilesInput
          value={form.values.files}
          onChange={(files) => form.setFieldValue('files', files)}
          error={form.errors.files}
        />
        <Group justify="flex-end">
          <Button type="submit" variant={isInternal ? 'default' : 'filled'} loading={form.submitting}>
            {isInternal ? 'Add note' : 'Send reply'}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
