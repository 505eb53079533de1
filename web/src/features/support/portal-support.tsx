// Portal → Support: the partner's tickets with their status and when an answer is due, a form to open a
// new one with files, and a ticket's thread where they reply (a reply reopens a resolved ticket).
import { Button, Group, Paper, Stack, Table, Text, Textarea, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useState } from 'react'
import type {
  TicketCategory,
  TicketPriority,
} from '../../../../src/modules/programs/support/support.contract'
import { formatDateTime } from '../../ui/dates'
import { EmptyHint } from '../../ui/empty-hint'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { useSubmit } from '../../ui/form-submit'
import { nounOf } from '../../ui/list-count'
import { PageHeader } from '../../ui/page-header'
import { PagedListView, usePagedList } from '../../ui/paged-list'
import { fieldsNamed, notifySuccess, showProblem } from '../../ui/problem'
import { RemoteSelect } from '../../ui/remote-select'
import { AnchorLink } from '../../ui/router-link'
import { dealsApi } from '../journeys/journeys-api'
import { supportApi, supportKeys } from './support-api'
import {
  attachFiles,
  categoryLabels,
  FilesInput,
  filesError,
  PriorityBadge,
  ReplyForm,
  SlaDetails,
  TicketAboutFields,
  TicketStatusBadge,
  TicketThread,
} from './ticket-parts'

type NewTicketDraft = {
  subject: string
  category: TicketCategory | null
  priority: TicketPriority
  dealId: string | null
  message: string
  files: File[]
}

const newTicketFields = fieldsNamed('subject', 'category', 'priority', 'dealId', 'message')

function NewTicketForm({ onCancel }: { onCancel: () => void }) {
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const form = useForm<NewTicketDraft>({
    initialValues: { subject: '', category: null, priority: 'normal', dealId: null, message: '', files: [] },
    validate: {
      subject: (value) => (value.trim() ? null : 'Give the ticket a subject'),
      category: (value) => (value ? null : 'Choose what it is about'),
      message: (value) => (value.trim() ? null : 'Tell the partner team what happened'),
      files: filesError,
    },
  })
  const open = useMutation({
    mutationFn: async (draft: NewTicketDraft) => {
      const ticket = await supportApi.open({
        subject: draft.subject,
        category: draft.category!,
        priority: draft.priority,
        ...(draft.dealId ? { dealId: draft.dealId } : {}),
        message: draft.message,
      })
      if (draft.files.length > 0) await attachFiles(ticket.id, ticket.messages[0]!.id, draft.files)
      return ticket
    },
    onSuccess: async (ticket) => {
      notifySuccess('Ticket opened: the partner team will answer here')
      await queryClient.invalidateQueries({ queryKey: supportKeys.all })
      await navigate({ to: '/portal/support/$ticketId', params: { ticketId: ticket.id } })
    },
    onError: (error) => showProblem(form, error, newTicketFields),
  })
  const submit = useSubmit(form, (draft) => open.mutateAsync(draft))
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="New ticket">
      <form onSubmit={submit} noValidate aria-label="New ticket">
        <Stack gap="sm">
          <Title order={2} size="h4">
            New ticket
          </Title>
          <TicketAboutFields inputProps={form.getInputProps} />
          <RemoteSelect
            label="Deal"
            description="Optional: the deal the ticket is about"
            placeholder="Search your deals"
            clearable
            nothingFoundMessage="No deal with that name"
            queryKey={['support', 'deal-options']}
            search={async (q) =>
              (await dealsApi.list({ q: q || undefined }, null, 25)).items.map((deal) => ({
                value: deal.id,
                label: deal.name,
              }))
            }
            lookup={async (id) => ({ value: id, label: (await dealsApi.get(id)).name })}
            value={form.values.dealId}
            onChange={(value) => form.setFieldValue('dealId', value)}
            error={form.errors.dealId}
          />
          <Textarea label="Message" autosize minRows={4} required {...form.getInputProps('message')} />
          <FilesInput
            value={form.values.files}
            onChange={(files) => form.setFieldValue('files', files)}
            error={form.errors.files}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              Open ticket
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  )
}

export function PortalSupport() {
  const navigate = useNavigate()
  const [isWriting, setWriting] = useState(false)
  const list = usePagedList(supportKeys.list({}), (cursor) => supportApi.list({}, cursor))
  return (
    <>
      <PageHeader
        title="Support"
        description="Ask the partner team about commissions, deals, the platform or anything else, and follow the answer here."
        actions={isWriting ? null : <Button onClick={() => setWriting(true)}>New ticket</Button>}
      />
      <Stack gap="lg">
        {isWriting ? <NewTicketForm onCancel={() => setWriting(false)} /> : null}
        <Paper withBorder p="lg" radius="md" component="section" aria-label="Your tickets">
          <Title order={2} size="h4" mb="md">
            Your tickets
          </Title>
          <PagedListView
            list={list}
            loadingLabel="Loading your tickets…"
            what="Tickets"
            noun={nounOf('ticket')}
            empty={
              <EmptyHint
                size="sm"
                title="No tickets yet"
                description="Choose New ticket when you need the partner team: they answer within the agreed times."
              />
            }
          >
            {(items) => (
              <Table.ScrollContainer minWidth={560}>
                <Table highlightOnHover verticalSpacing="xs" aria-label="Your tickets">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Subject</Table.Th>
                      <Table.Th>Status</Table.Th>
                      <Table.Th>Priority</Table.Th>
                      <Table.Th>Last activity</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((ticket) => (
                      <Table.Tr
                        key={ticket.id}
                        style={{ cursor: 'pointer' }}
                        onClick={() =>
                          void navigate({ to: '/portal/support/$ticketId', params: { ticketId: ticket.id } })
                        }
                      >
                        <Table.Td>
                          <AnchorLink to="/portal/support/$ticketId" params={{ ticketId: ticket.id }}>
                            {ticket.subject}
                          </AnchorLink>
                        </Table.Td>
                        <Table.Td>
                          <TicketStatusBadge status={ticket.status} />
                        </Table.Td>
                        <Table.Td>
                          <PriorityBadge priority={ticket.priority} />
                        </Table.Td>
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>
                          {formatDateTime(ticket.lastMessageAt)}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
          </PagedListView>
        </Paper>
      </Stack>
    </>
  )
}

export function PortalTicket({ ticketId }: { ticketId: string }) {
  const ticket = useQuery({ queryKey: supportKeys.ticket(ticketId), queryFn: () => supportApi.get(ticketId) })
  if (ticket.isPending) return <PageLoader label="Loading the ticket…" />
  if (ticket.isError) return <ErrorAlert error={ticket.error} what="Ticket" />
  const data = ticket.data
  return (
    <>
      <PageHeader
        title={data.subject}
        badge={
          <Group gap={4}>
            <TicketStatusBadge status={data.status} />
            <PriorityBadge priority={data.priority} />
          </Group>
        }
        description={`${categoryLabels[data.category]} · opened ${formatDateTime(data.openedAt)} by ${data.openedByName}`}
      />
      <Text size="sm" mb="md">
        <AnchorLink to="/portal/support">← Your tickets</AnchorLink>
      </Text>
      <Stack gap="lg">
        <Paper withBorder p="lg" radius="md">
          <SlaDetails ticket={data} />
          {data.dealId ? (
            <Text size="sm" mt="xs">
              About{' '}
              <AnchorLink to="/portal/deals/$dealId" params={{ dealId: data.dealId }}>
                {data.dealName ?? 'a deal'}
              </AnchorLink>
            </Text>
          ) : null}
        </Paper>
        <Paper withBorder p="lg" radius="md">
          <Title order={2} size="h4" mb="sm">
            Thread
          </Title>
          <TicketThread ticket={data} />
        </Paper>
        {data.status === 'closed' ? (
          <Text c="dimmed" size="sm">
            This ticket is closed. Open a new ticket if you need more help.
          </Text>
        ) : (
          <Paper withBorder p="lg" radius="md" component="section" aria-label="Reply to the partner team">
            <Title order={2} size="h4" mb="sm">
              Reply
            </Title>
            {data.status === 'resolved' ? (
              <Text size="sm" c="dimmed" mb="sm">
                The partner team marked it resolved; a reply reopens it.
              </Text>
            ) : null}
            <ReplyForm ticket={data} />
          </Paper>
        )}
      </Stack>
    </>
  )
}
