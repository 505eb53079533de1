// Console → Tickets: the inbox (counts from the server, filters by status, priority, owner and SLA, each
// ticket's status, priority and SLA badges, a new ticket for a partner and the SLA settings for managers)
// and a ticket's page with its thread, a reply, an internal note, files, and the status, priority and
// owner controls.
import {
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useMemo, useState } from 'react'
import { isPartnerRole } from '../../../../src/modules/identity/identity.contract'
import type {
  TicketCountsView,
  TicketPriority,
  TicketStatus,
  TicketSummaryView,
  TicketView,
  UpdateTicketInput,
} from '../../../../src/modules/programs/support/support.contract'
import { formatDateTime } from '../../ui/dates'
import { EmptyHint } from '../../ui/empty-hint'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { nounOf } from '../../ui/list-count'
import { PageHeader } from '../../ui/page-header'
import { PagedListView, usePagedList } from '../../ui/paged-list'
import { notifyError, notifySuccess } from '../../ui/problem'
import { AnchorLink } from '../../ui/router-link'
import { identityApi, identityKeys } from '../identity/identity-api'
import { canAdminister, useMe } from '../identity/session'
import { StaffTicketForm } from './new-ticket'
import { SlaSettingsPanel } from './sla-settings'
import { canManageSupport, supportApi, supportKeys, type TicketFilters } from './support-api'
import {
  categoryLabels,
  PriorityBadge,
  priorityLabels,
  ReplyForm,
  remainingText,
  SlaBadge,
  SlaDetails,
  statusLabels,
  TicketStatusBadge,
  TicketThread,
} from './ticket-parts'

const statusOptions = [
  { value: 'active', label: 'Active' },
  ...Object.entries(statusLabels).map(([value, label]) => ({ value, label })),
]
const priorityOptions = Object.entries(priorityLabels).map(([value, label]) => ({ value, label }))
const slaOptions = [
  { value: 'due_soon', label: 'Due soon' },
  { value: 'breached', label: 'Breached' },
]

/** The inbox badges: how many are active, due soon, breached and unowned. */
function Counts({ counts }: { counts: TicketCountsView | undefined }) {
  if (!counts) return null
  const item = (label: string, value: number, color: string) => (
    <Badge size="lg" variant={value > 0 ? 'light' : 'outline'} color={value > 0 ? color : 'gray'}>
      {label}: {value}
    </Badge>
  )
  return (
    <Group gap="xs" role="status" aria-label="Ticket counts">
      {item('Active', counts.active, 'blue')}
      {item('Waiting on us', counts.byStatus.open + counts.byStatus.pending_vendor, 'orange')}
      {item('Due soon', counts.dueSoon, 'yellow')}
      {item('Breached', counts.breached, 'red')}
      {item('Unassigned', counts.unassigned, 'grape')}
    </Group>
  )
}

/** The next due time of a ticket in words, or when it was resolved. */
const nextDueText = (ticket: TicketSummaryView): string => {
  const clocks = ticket.sla.isPaused
    ? [ticket.sla.firstResponse]
    : [ticket.sla.firstResponse, ticket.sla.resolution]
  const running = clocks.filter((c) => c.remainingMinutes !== null)
  const soonest = running.sort((a, b) => a.remainingMinutes! - b.remainingMinutes!)[0]
  if (soonest) return remainingText(soonest.remainingMinutes!)
  if (ticket.sla.isPaused) return 'Paused: waiting on the partner'
  return ticket.resolvedAt ? `Resolved ${formatDateTime(ticket.resolvedAt)}` : '—'
}

export function TicketsPage() {
  const me = useMe()
  const navigate = useNavigate()
  const [filters, setFilters] = useState<TicketFilters>({ status: 'active' })
  const counts = useQuery({ queryKey: supportKeys.counts, queryFn: supportApi.counts })
  const list = usePagedList(supportKeys.list(filters), (cursor) => supportApi.list(filters, cursor))
  const [dialog, setDialog] = useState<'new' | 'settings' | null>(null)
  const close = () => setDialog(null)
  const set = (key: keyof TicketFilters) => (value: string | null) =>
    setFilters((current) => ({ ...current, [key]: value ?? undefined }))
  return (
    <>
      <PageHeader
        title="Tickets"
        description="Partners’ questions and problems, with the time left to answer and resolve each one."
        actions={
          canManageSupport(me) ? (
            <>
              <Button variant="default" onClick={() => setDialog('settings')}>
                SLA settings
              </Button>
              <Button onClick={() => setDialog('new')}>New ticket</Button>
            </>
          ) : null
        }
      />
      <Modal opened={dialog === 'new'} onClose={close} title="New ticket for a partner" size="lg">
        <StaffTicketForm onCancel={close} />
      </Modal>
      <Modal opened={dialog === 'settings'} onClose={close} title="SLA settings" size="lg">
        <SlaSettingsPanel onDone={close} />
      </Modal>
      <Stack gap="md">
        <Counts counts={counts.data} />
        <Paper withBorder p="lg" radius="md" component="section" aria-label="Inbox">
          <Group align="flex-end" mb="md" gap="sm">
            <Select
              label="Status"
              placeholder="Any status"
              clearable
              data={statusOptions}
              value={filters.status ?? null}
              onChange={set('status')}
              w={200}
            />
            <Select
              label="Priority"
              placeholder="Any priority"
              clearable
              data={priorityOptions}
              value={filters.priority ?? null}
              onChange={set('priority')}
              w={150}
            />
            <Select
              label="SLA"
              placeholder="Any"
              clearable
              data={slaOptions}
              value={filters.sla ?? null}
              onChange={set('sla')}
              w={150}
            />
            <Select
              label="Owner"
              placeholder="Anyone"
              clearable
              data={[
                { value: me.user.id, label: 'Me' },
                { value: 'none', label: 'Unassigned' },
              ]}
              value={filters.assigneeId ?? null}
              onChange={set('assigneeId')}
              w={150}
            />
          </Group>
          <PagedListView
            list={list}
            loadingLabel="Loading tickets…"
            what="Tickets"
            noun={nounOf('ticket')}
            empty={
              <EmptyHint
                size="sm"
                title="No tickets match"
                description="Partners open tickets from the portal’s Support tab, and the partner team with New ticket; clear the filters to see every ticket."
              />
            }
          >
            {(items) => (
              <Table.ScrollContainer minWidth={820}>
                <Table highlightOnHover verticalSpacing="xs" aria-label="Tickets">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Subject</Table.Th>
                      <Table.Th>Partner</Table.Th>
                      <Table.Th>Status</Table.Th>
                      <Table.Th>Priority</Table.Th>
                      <Table.Th>SLA</Table.Th>
                      <Table.Th>Owner</Table.Th>
                      <Table.Th>Last activity</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((ticket) => (
                      <Table.Tr
                        key={ticket.id}
                        bg={ticket.sla.state === 'breached' ? 'red.0' : undefined}
                        style={{ cursor: 'pointer' }}
                        onClick={() =>
                          void navigate({ to: '/support/$ticketId', params: { ticketId: ticket.id } })
                        }
                      >
                        <Table.Td>
                          <AnchorLink to="/support/$ticketId" params={{ ticketId: ticket.id }}>
                            {ticket.subject}
                          </AnchorLink>
                          <Text size="xs" c="dimmed">
                            {categoryLabels[ticket.category]}
                          </Text>
                        </Table.Td>
                        <Table.Td>{ticket.partnerName}</Table.Td>
                        <Table.Td>
                          <TicketStatusBadge status={ticket.status} />
                        </Table.Td>
                        <Table.Td>
                          <PriorityBadge priority={ticket.priority} />
                        </Table.Td>
                        <Table.Td>
                          <SlaBadge sla={ticket.sla} />
                          <Text size="xs" c={ticket.sla.state === 'breached' ? 'red' : 'dimmed'}>
                            {nextDueText(ticket)}
                          </Text>
                        </Table.Td>
                        <Table.Td>{ticket.assigneeName ?? '—'}</Table.Td>
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

/** Status, priority and owner, each saved as soon as it is picked. */
function TicketControls({ ticket }: { ticket: TicketView }) {
  const me = useMe()
  const queryClient = useQueryClient()
  // the users list is for admins; a partner manager assigns to themselves
  const users = useQuery({
    queryKey: identityKeys.users,
    queryFn: () => identityApi.listUsers(),
    enabled: canAdminister(me),
  })
  const staff = useMemo(() => {
    const people = (users.data?.items ?? [])
      .filter((u) => !isPartnerRole(u.role) && u.status === 'active')
      .map((u) => ({ value: u.id, label: u.name }))
    if (!people.some((p) => p.value === me.user.id))
      people.unshift({ value: me.user.id, label: me.user.name })
    if (ticket.assigneeId && !people.some((p) => p.value === ticket.assigneeId))
      people.push({ value: ticket.assigneeId, label: ticket.assigneeName ?? 'Someone' })
    return people
  }, [users.data, me.user, ticket.assigneeId, ticket.assigneeName])
  const save = useMutation({
    mutationFn: (input: UpdateTicketInput) => supportApi.update(ticket.id, input),
    onSuccess: async (saved) => {
      queryClient.setQueryData(supportKeys.ticket(saved.id), saved)
      notifySuccess('Ticket updated')
      await queryClient.invalidateQueries({ queryKey: supportKeys.all })
    },
    onError: (error) => notifyError(error, 'The ticket was not changed'),
  })
  const isClosed = ticket.status === 'closed'
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Ticket controls">
      <Stack gap="sm">
        <Select
          label="Status"
          data={Object.entries(statusLabels).map(([value, label]) => ({ value, label }))}
          value={ticket.status}
          allowDeselect={false}
          disabled={isClosed || save.isPending}
          onChange={(value) => value && save.mutate({ status: value as TicketStatus })}
        />
        <Select
          label="Priority"
          description="The due times follow the priority’s targets"
          data={priorityOptions}
          value={ticket.priority}
          allowDeselect={false}
          disabled={isClosed || save.isPending}
          onChange={(value) => value && save.mutate({ priority: value as TicketPriority })}
        />
        <Select
          label="Assignee"
          placeholder="Nobody"
          clearable
          searchable
          data={staff}
          value={ticket.assigneeId}
          disabled={isClosed || save.isPending}
          onChange={(value) => save.mutate({ assigneeId: value })}
        />
      </Stack>
    </Paper>
  )
}

export function TicketPage({ ticketId }: { ticketId: string }) {
  const ticket = useQuery({ queryKey: supportKeys.ticket(ticketId), queryFn: () => supportApi.get(ticketId) })
  if (ticket.isPending) return <PageLoader label="Loading the ticket…" />
  if (ticket.isError) return <ErrorAlert error={ticket.error} what="Ticket" />
  const data = ticket.data
  const isClosed = data.status === 'closed'
  return (
    <>
      <PageHeader
        title={data.subject}
        badge={
          <Group gap={4}>
            <TicketStatusBadge status={data.status} />
            <PriorityBadge priority={data.priority} />
            <SlaBadge sla={data.sla} />
          </Group>
        }
        description={`${data.partnerName} · ${categoryLabels[data.category]} · opened ${formatDateTime(data.openedAt)} by ${data.openedByName}`}
      />
      <Text size="sm" mb="md">
        <AnchorLink to="/support">← All tickets</AnchorLink>
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Stack gap="lg">
          <Paper withBorder p="lg" radius="md">
            <SlaDetails ticket={data} />
            {data.dealId ? (
              <Text size="sm" mt="xs">
                About{' '}
                <AnchorLink to="/deals/$dealId" params={{ dealId: data.dealId }}>
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
        </Stack>
        <Stack gap="lg">
          <TicketControls ticket={data} />
          {isClosed ? (
            <Text c="dimmed" size="sm">
              The ticket is closed; the partner opens a new one if they need more help.
            </Text>
          ) : (
            <>
              <Paper withBorder p="lg" radius="md" component="section" aria-label="Reply to the partner">
                <Title order={2} size="h4" mb="sm">
                  Reply to the partner
                </Title>
                <ReplyForm ticket={data} />
              </Paper>
              <Paper withBorder p="lg" radius="md" component="section" aria-label="Add an internal note">
                <Title order={2} size="h4" mb="sm">
                  Internal note
                </Title>
                <ReplyForm ticket={data} isInternal />
              </Paper>
            </>
          )}
        </Stack>
      </SimpleGrid>
    </>
  )
}
