// Console → Registrations: the review queue. Filter by status, assignee (mine, unassigned), partner and overdue, search by account;
// each row shows its review deadline (red when overdue), the conflicts its submission met, and the
// flag for approvals without partner activity since.
import { Badge, Group, Paper, Select, Switch, Table, Text, TextInput } from '@mantine/core'
import { IconSearch } from '@tabler/icons-react'
import { useNavigate } from '@tanstack/react-router'
import { useState } from 'react'
import {
  type RegistrationStatus,
  registrationStatuses,
} from '../../../../src/modules/revenue/registrations/registrations.contract'
import { type Assignee, AssigneeFilter } from '../../ui/assignee-filter'
import { formatDate, formatDateTime } from '../../ui/dates'
import { EmptyHint } from '../../ui/empty-hint'
import { nounOf } from '../../ui/list-count'
import { formatMoney } from '../../ui/money'
import { PageHeader } from '../../ui/page-header'
import { PagedListView, usePagedList } from '../../ui/paged-list'
import { AnchorLink } from '../../ui/router-link'
import { useSearchText } from '../../ui/search-text'
import { useMe } from '../identity/session'
import { PartnerPicker } from '../partners/partner-picker'
import { keyDateText, RegistrationStatusBadge, statusLabel } from './registration-parts'
import { RegistrationSettingsCard } from './registration-settings-card'
import {
  canReviewRegistrations,
  type RegistrationFilters,
  registrationKeys,
  registrationsApi,
} from './registrations-api'

const statusOptions = registrationStatuses.map((status) => ({ value: status, label: statusLabel(status) }))
const isStatus = (value: string | null): value is RegistrationStatus =>
  registrationStatuses.some((status) => status === value)

export function RegistrationsQueue() {
  const me = useMe()
  const navigate = useNavigate()
  const [status, setStatus] = useState<RegistrationStatus | undefined>('pending')
  const [isOverdueOnly, setOverdueOnly] = useState(false)
  const [partnerId, setPartnerId] = useState<string | null>(null)
  const [assignedTo, setAssignedTo] = useState<Assignee>('all')
  const [q, setQ] = useState<string | undefined>()
  const [text, setText] = useSearchText(q, setQ)
  const filters: RegistrationFilters = {
    status,
    overdue: isOverdueOnly ? 'true' : undefined,
    partnerId: partnerId ?? undefined,
    q,
    assignedTo: assignedTo === 'all' ? undefined : assignedTo,
  }
  const list = usePagedList(registrationKeys.list(filters), (cursor) =>
    registrationsApi.list(filters, cursor),
  )
  const isFiltered = Boolean(status || isOverdueOnly || partnerId || q || assignedTo !== 'all')

  return (
    <>
      <PageHeader
        title="Registrations"
        description="Deals partners registered: review each against its conflicts before its deadline; approval protects the account for the partner and records their registration touch."
      />
      <RegistrationSettingsCard canChange={canReviewRegistrations(me)} />
      <Group mb="md" align="flex-end" wrap="wrap">
        <TextInput
          label="Search"
          placeholder="Account or domain"
          leftSection={<IconSearch size={16} />}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          w={240}
        />
        <Select
          label="Status"
          placeholder="Any status"
          clearable
          data={statusOptions}
          value={status ?? null}
          onChange={(value) => setStatus(isStatus(value) ? value : undefined)}
          w={180}
        />
        <AssigneeFilter value={assignedTo} onChange={setAssignedTo} />
        <PartnerPicker label="Partner" clearable value={partnerId} onChange={setPartnerId} w={240} />
        <Switch
          label="Overdue only"
          checked={isOverdueOnly}
          onChange={(event) => setOverdueOnly(event.currentTarget.checked)}
          mb={8}
        />
      </Group>
      <PagedListView
        list={list}
        loadingLabel="Loading registrations…"
        what="Registrations"
        noun={nounOf('registration')}
        empty={
          <EmptyHint
            title={isFiltered ? 'No registrations match' : 'No registrations yet'}
            description={
              isFiltered
                ? 'Clear a filter to see more: the queue shows pending registrations first.'
                : 'Partners register deals in their portal; they land here for review.'
            }
          />
        }
      >
        {(items) => (
          <Paper withBorder radius="md">
            <Table.ScrollContainer minWidth={900}>
              <Table highlightOnHover verticalSpacing="sm" aria-label="Registration queue">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Account</Table.Th>
                    <Table.Th>Partner</Table.Th>
                    <Table.Th>Assignee</Table.Th>
                    <Table.Th ta="right">Expected amount</Table.Th>
                    <Table.Th>Submitted</Table.Th>
                    <Table.Th miw={150}>Status</Table.Th>
                    <Table.Th>Review due / protection</Table.Th>
                    <Table.Th>Conflicts at submission</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((registration) => (
                    <Table.Tr
                      key={registration.id}
                      bg={registration.isOverdue ? 'red.0' : undefined}
                      style={{ cursor: 'pointer' }}
                      onClick={() =>
                        void navigate({
                          to: '/registrations/$registrationId',
                          params: { registrationId: registration.id },
                        })
                      }
                    >
                      <Table.Td>
                        <AnchorLink
                          to="/registrations/$registrationId"
                          params={{ registrationId: registration.id }}
                          onClick={(event) => event.stopPropagation()}
                        >
                          {registration.accountName}
                        </AnchorLink>
                        {registration.domain ? (
                          <Text size="xs" c="dimmed">
                            {registration.domain}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td>{registration.partnerName ?? registration.partnerId}</Table.Td>
                      <Table.Td title={registration.routingReason ?? 'No territory took this account'}>
                        {registration.assignee ? (
                          (registration.assignee.name ?? registration.assignee.id)
                        ) : (
                          <Text size="sm" c="dimmed">
                            Unassigned
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td ta="right">{formatMoney(registration.amount)}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {formatDate(registration.submittedAt)}
                      </Table.Td>
                      <Table.Td>
                        <RegistrationStatusBadge registration={registration} />
                      </Table.Td>
                      <Table.Td
                        style={{ whiteSpace: 'nowrap' }}
                        c={registration.isOverdue ? 'red' : undefined}
                        title={
                          registration.reviewDueAt ? formatDateTime(registration.reviewDueAt) : undefined
                        }
                      >
                        {keyDateText(registration)}
                      </Table.Td>
                      <Table.Td>
                        {registration.conflictsAtSubmission > 0 ? (
                          <Badge
                            color="orange"
                            variant="light"
                            title="Conflicts the submission met; the registration’s page shows them as they are now"
                          >
                            {registration.conflictsAtSubmission}
                          </Badge>
                        ) : (
                          <Text size="sm" c="dimmed">
                            None
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        )}
      </PagedListView>
    </>
  )
}
