// Pieces the portal and the console share: a registration's status badge, how its deadline or
// protection reads, and the conflicts a name meets — plain sentences for a partner, with the record
// each is about for staff.
import { Alert, Badge, Group, List, Stack, Text } from '@mantine/core'
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react'
import type {
  ConflictView,
  RegistrationStatus,
  RegistrationView,
} from '../../../../src/modules/revenue/registrations/registrations.contract'
import { formatDate, formatDateTime } from '../../ui/dates'
import { formatMoney } from '../../ui/money'
import { AnchorLink } from '../../ui/router-link'

const statusLook: Record<RegistrationStatus, { label: string; color: string }> = {
  pending: { label: 'Awaiting review', color: 'blue' },
  info_requested: { label: 'Info requested', color: 'yellow' },
  approved: { label: 'Approved', color: 'teal' },
  rejected: { label: 'Rejected', color: 'red' },
  expired: { label: 'Expired', color: 'gray' },
}

export const statusLabel = (status: RegistrationStatus): string => statusLook[status].label

export function RegistrationStatusBadge({
  registration,
  isInline = false,
}: {
  registration: RegistrationView
  /** Side by side (a page's title); otherwise stacked, so a narrow column never cuts a badge short. */
  isInline?: boolean
}) {
  const look = statusLook[registration.status]
  const Layout = isInline ? Group : Stack
  return (
    <Layout gap={isInline ? 6 : 4} align={isInline ? 'center' : 'flex-start'}>
      <Badge color={look.color} variant="light" style={{ flexShrink: 0 }}>
        {look.label}
      </Badge>
      {registration.isOverdue ? (
        <Badge color="red" variant="filled">
          Overdue
        </Badge>
      ) : null}
      {registration.isInactive ? (
        <Badge color="orange" variant="outline" title="No partner activity since registration">
          No activity
        </Badge>
      ) : null}
    </Layout>
  )
}

/** The date that matters now: when review is due, until when it is protected, or when it ended. */
export function keyDateText(registration: RegistrationView, reader: 'staff' | 'partner' = 'staff'): string {
  switch (registration.status) {
    case 'pending':
      return registration.reviewDueAt ? `Review due ${formatDateTime(registration.reviewDueAt)}` : 'In review'
    case 'info_requested':
      return reader === 'partner' ? 'Waiting for your answer' : 'Waiting for the partner’s answer'
    case 'approved':
      return `Protected until ${formatDate(registration.protectedUntil)}`
    case 'expired':
      return `Protection ended ${formatDate(registration.protectedUntil)}`
    case 'rejected':
      return `Rejected ${formatDate(registration.decidedAt)}`
  }
}

/**
 * The conflicts found, or that none were. `isStaff` adds what each is with (a link to the other
 * registration or the deal, the partner, how alike the names are); partners get the sentence only.
 */
export function ConflictNotice({
  conflicts,
  isStaff,
  isChecking = false,
}: {
  conflicts: readonly ConflictView[]
  isStaff: boolean
  isChecking?: boolean
}) {
  if (conflicts.length === 0)
    return (
      <Group gap="xs" c="teal">
        <IconCircleCheck size={18} />
        <Text size="sm">
          {isChecking
            ? 'Checking…'
            : 'No conflicts found: no other partner has registered this account and no deal is open on it.'}
        </Text>
      </Group>
    )
  return (
    <Alert
      color="orange"
      icon={<IconAlertTriangle />}
      title={conflicts.length === 1 ? 'A possible conflict' : `${conflicts.length} possible conflicts`}
    >
      <List size="sm" spacing={6}>
        {conflicts.map((conflict) => (
          // a partner's conflicts differ by message; staff's by the record they are with
          <List.Item
            key={`${conflict.kind}:${conflict.evidence?.registration?.id ?? conflict.evidence?.deal?.id ?? conflict.message}`}
          >
            <Text size="sm">{conflict.message}</Text>
            {isStaff && conflict.evidence ? <Evidence conflict={conflict} /> : null}
          </List.Item>
        ))}
      </List>
      {isStaff ? null : (
        <Text size="sm" mt="sm">
          You can still submit: your partner manager reviews every registration and decides who works the
          account.
        </Text>
      )}
    </Alert>
  )
}

function Evidence({ conflict }: { conflict: ConflictView }) {
  const evidence = conflict.evidence!
  const alike = `${Math.round(evidence.similarity * 100)}% alike`
  if (evidence.registration)
    return (
      <Text size="xs" c="dimmed">
        <AnchorLink to="/registrations/$registrationId" params={{ registrationId: evidence.registration.id }}>
          {evidence.accountName}
        </AnchorLink>{' '}
        · {evidence.registration.partnerName ?? evidence.registration.partnerId} ·{' '}
        {statusLabel(evidence.registration.status)} · {formatMoney(evidence.registration.amount)} · {alike}
      </Text>
    )
  if (evidence.deal)
    return (
      <Text size="xs" c="dimmed">
        <AnchorLink to="/deals/$dealId" params={{ dealId: evidence.deal.id }}>
          {evidence.deal.name}
        </AnchorLink>{' '}
        · {evidence.accountName}
        {evidence.domain ? ` (${evidence.domain})` : ''} · {formatMoney(evidence.deal.amount)} ·{' '}
        {evidence.deal.owner ?? 'no owner'} · {alike}
      </Text>
    )
  return null
}
