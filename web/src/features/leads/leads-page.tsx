// Console → Leads: every lead, newest first, server-paged; filter by who works it (mine, unassigned,
// all), by status and by company or domain. Each row says who has it and, on hover, why. "New lead"
// creates one, routed by territory.
import { Button, Group, Modal, Paper, Select, Table, Text, TextInput } from '@mantine/core'
import { IconPlus, IconSearch } from '@tabler/icons-react'
import { useNavigate } from '@tanstack/react-router'
import { useState } from 'react'
import { type LeadStatus, leadStatuses } from '../../../../src/modules/revenue/leads/leads.contract'
import { type Assignee, AssigneeFilter } from '../../ui/assignee-filter'
import { formatDate } from '../../ui/dates'
import { EmptyHint } from '../../ui/empty-hint'
import { nounOf } from '../../ui/list-count'
import { PageHeader } from '../../ui/page-header'
import { PagedListView, usePagedList } from '../../ui/paged-list'
import { AnchorLink } from '../../ui/router-link'
import { useSearchText } from '../../ui/search-text'
import { useMe } from '../identity/session'
import { LeadStatusBadge, leadStatusLabel, placeOf } from './lead-parts'
import { canWorkLeads, type LeadFilters, leadKeys, leadsApi } from './leads-api'
import { NewLeadForm } from './new-lead-form'

const statusOptions = leadStatuses.map((status) => ({ value: status, label: leadStatusLabel(status) }))
const isStatus = (value: string | null): value is LeadStatus =>
  leadStatuses.some((status) => status === value)

export function LeadsPage() {
  const me = useMe()
  const navigate = useNavigate()
  const [status, setStatus] = useState<LeadStatus | undefined>()
  const [assignedTo, setAssignedTo] = useState<Assignee>('all')
  const [q, setQ] = useState<string | undefined>()
  const [text, setText] = useSearchText(q, setQ)
  const [isCreating, setCreating] = useState(false)
  const filters: LeadFilters = { status, q, assignedTo: assignedTo === 'all' ? undefined : assignedTo }
  const list = usePagedList(leadKeys.list(filters), (cursor) => leadsApi.list(filters, cursor))
  const isFiltered = Boolean(status || q || assignedTo !== 'all')
  const add = canWorkLeads(me) ? (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)}>
      New lead
    </Button>
  ) : null

  return (
    <>
      <PageHeader
        title="Leads"
        description="Companies showing interest, each routed to the owner of the most specific territory that takes it. Work them, convert them into deals or disqualify them."
        actions={add}
      />
      <Group mb="md" align="flex-end" wrap="wrap">
        <AssigneeFilter value={assignedTo} onChange={setAssignedTo} />
        <Select
          label="Status"
          placeholder="Any status"
          clearable
          data={statusOptions}
          value={status ?? null}
          onChange={(value) => setStatus(isStatus(value) ? value : undefined)}
          w={180}
        />
        <TextInput
          label="Search"
          placeholder="Company or domain"
          leftSection={<IconSearch size={16} />}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          w={240}
        />
      </Group>
      <PagedListView
        list={list}
        loadingLabel="Loading leads…"
        what="Leads"
        noun={nounOf('lead')}
        empty={
          <EmptyHint
            title={isFiltered ? 'No leads match' : 'No leads yet'}
            description={
              isFiltered
                ? 'Clear a filter to see more.'
                : 'Create one here, or send them from your forms and events through the API (POST /api/v1/leads).'
            }
            action={isFiltered ? null : add}
          />
        }
      >
        {(items) => (
          <Paper withBorder radius="md">
            <Table.ScrollContainer minWidth={900}>
              <Table highlightOnHover verticalSpacing="sm" aria-label="Leads">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Company</Table.Th>
                    <Table.Th>Domain</Table.Th>
                    <Table.Th>Country and industry</Table.Th>
                    <Table.Th miw={140}>Status</Table.Th>
                    <Table.Th>Assigned to</Table.Th>
                    <Table.Th>Source</Table.Th>
                    <Table.Th>Created</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((lead) => (
                    <Table.Tr
                      key={lead.id}
                      style={{ cursor: 'pointer' }}
                      onClick={() => void navigate({ to: '/leads/$leadId', params: { leadId: lead.id } })}
                    >
                      <Table.Td>
                        <AnchorLink
                          to="/leads/$leadId"
                          params={{ leadId: lead.id }}
                          onClick={(event) => event.stopPropagation()}
                        >
                          {lead.companyName}
                        </AnchorLink>
                      </Table.Td>
                      <Table.Td>{lead.domain ?? '—'}</Table.Td>
                      <Table.Td>{placeOf(lead)}</Table.Td>
                      <Table.Td>
                        <LeadStatusBadge status={lead.status} />
                      </Table.Td>
                      <Table.Td title={lead.routingReason ?? undefined}>
                        {lead.assignee ? (
                          (lead.assignee.name ?? lead.assignee.id)
                        ) : (
                          <Text size="sm" c="dimmed">
                            Unassigned
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>{lead.source}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(lead.createdAt)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        )}
      </PagedListView>
      <Modal opened={isCreating} onClose={() => setCreating(false)} title="New lead" size="lg">
        {isCreating ? <NewLeadForm onDone={() => setCreating(false)} /> : null}
      </Modal>
    </>
  )
}
