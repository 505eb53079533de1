// Console → Commissions → Disputes: the queue (open ones first by when their answer is due, overdue
// ones marked), and a dispute's page with its thread, a reply, and the close: an adjustment typed in
// the partner's currency and sent as exact minor units, resolved at the source, or denied.
import {
  Alert,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useState } from 'react'
import type { DisputeView } from '../../../../src/modules/incentives/disputes/disputes.contract'
import { formatDate, formatDateTime } from '../../ui/dates'
import { EmptyHint } from '../../ui/empty-hint'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { useSubmit } from '../../ui/form-submit'
import { formatMoney, minorDigits } from '../../ui/money'
import { PageHeader } from '../../ui/page-header'
import { notifySuccess, showProblem } from '../../ui/problem'
import { AnchorLink } from '../../ui/router-link'
import { useMe } from '../identity/session'
import { partnerKeys, partnersApi } from '../partners/partners-api'
import { disputeFieldOf, type Outcome, outcomes, type ResolveDraft, resolveInputOf } from './dispute-drafts'
import { DisputeStatusBadge, DisputeThread, dueText, ReplyForm } from './dispute-thread'
import { canManageMoney } from './incentives-access'
import { type DisputeStatus, disputesApi, incentiveKeys, incentivesApi } from './incentives-api'

const statusFilters: { value: DisputeStatus; label: string }[] = [
  { value: 'open', label: 'Open' },
  { value: 'adjusted', label: 'Adjusted' },
  { value: 'resolved', label: 'Resolved' },
  { value: 'denied', label: 'Denied' },
]
const isStatus = (value: string | null): value is DisputeStatus =>
  statusFilters.some((filter) => filter.value === value)

export function DisputesPage() {
  const navigate = useNavigate()
  const [status, setStatus] = useState<DisputeStatus | null>(null)
  const disputes = useQuery({
    queryKey: incentiveKeys.disputeList(status ?? undefined),
    queryFn: () => disputesApi.list(status ?? undefined),
  })
  const items = disputes.data?.items ?? []
  const overdue = items.filter((dispute) => dispute.isOverdue).length
  return (
    <>
      <PageHeader
        title="Disputes"
        description="Partners’ claims on their commission lines. A disputed line is held from payouts until it is closed."
      />
      <Text size="sm" mb="md">
        <AnchorLink to="/commissions">← Commissions</AnchorLink>
      </Text>
      <Paper withBorder p="lg" radius="md" component="section" aria-label="Dispute queue">
        <Group justify="space-between" align="flex-end" mb="md">
          <Title order={2} size="h4">
            Queue
            {overdue > 0 ? (
              <Text span c="red" size="sm" fw={600} ml="sm">
                {overdue} overdue
              </Text>
            ) : null}
          </Title>
          <Select
            label="Status"
            placeholder="Any status"
            clearable
            data={statusFilters}
            value={status}
            onChange={(value) => setStatus(isStatus(value) ? value : null)}
            w={160}
          />
        </Group>
        {disputes.isPending ? (
          <PageLoader label="Loading disputes…" />
        ) : disputes.isError ? (
          <ErrorAlert error={disputes.error} what="Disputes" />
        ) : items.length === 0 ? (
          <EmptyHint
            size="sm"
            title={status ? 'No disputes match' : 'No disputes'}
            description={
              status
                ? 'Clear the status to see every dispute.'
                : 'Partners dispute a line from its receipt in the portal; their claims land here.'
            }
          />
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table highlightOnHover verticalSpacing="xs" aria-label="Disputes">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Partner</Table.Th>
                  <Table.Th>Subject</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Opened</Table.Th>
                  <Table.Th>Answer</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((dispute) => (
                  <Table.Tr
                    key={dispute.id}
                    bg={dispute.isOverdue ? 'red.0' : undefined}
                    style={{ cursor: 'pointer' }}
                    onClick={() =>
                      void navigate({
                        to: '/commissions/disputes/$disputeId',
                        params: { disputeId: dispute.id },
                      })
                    }
                  >
                    <Table.Td>{dispute.partnerName}</Table.Td>
                    <Table.Td>
                      <AnchorLink to="/commissions/disputes/$disputeId" params={{ disputeId: dispute.id }}>
                        {dispute.subject}
                      </AnchorLink>
                    </Table.Td>
                    <Table.Td>
                      <DisputeStatusBadge dispute={dispute} />
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(dispute.openedAt)}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }} c={dispute.isOverdue ? 'red' : undefined}>
                      {dueText(dispute)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </>
  )
}

const outcomeLabels: Record<Outcome, string> = {
  adjusted: 'Adjust',
  resolved: 'Resolved',
  denied: 'Deny',
}
const outcomeHints: Record<Outcome, string> = {
  adjusted: 'Posts an amount to the partner’s ledger as a line of its own, payable at once.',
  resolved: 'The credit was put right at its source; the recomputed lines follow from it.',
  denied: 'Nothing changes; the partner reads your reason.',
}

/** Closes the dispute; one Idempotency-Key for this form, so a repeated click closes it once. */
function ResolveForm({ dispute, currency }: { dispute: DisputeView; currency: string }) {
  const queryClient = useQueryClient()
  const [idempotencyKey] = useState(() => crypto.randomUUID())
  const digits = minorDigits(currency)
  const form = useForm<ResolveDraft>({ initialValues: { outcome: 'adjusted', reason: '', amount: '' } })
  const close = useMutation({
    mutationFn: async (draft: ResolveDraft) => {
      const built = resolveInputOf(draft, digits)
      if (!built.value) {
        form.setErrors(built.errors)
        throw new Error('invalid')
      }
      return disputesApi.resolve(dispute.id, built.value, idempotencyKey)
    },
    onSuccess: async (saved) => {
      queryClient.setQueryData(incentiveKeys.dispute(saved.id), saved)
      notifySuccess(
        saved.adjustment
          ? `Closed with an adjustment of ${formatMoney(saved.adjustment)}`
          : `Closed as ${saved.status}`,
      )
      // an adjustment is a new line, and a released line is payable again
      await queryClient.invalidateQueries({ queryKey: incentiveKeys.all })
    },
    onError: (error) => {
      if (error instanceof Error && error.message === 'invalid') return
      showProblem(form, error, disputeFieldOf)
    },
  })
  const submit = useSubmit(form, (draft) => close.mutateAsync(draft))
  const { outcome } = form.values
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Close the dispute">
      <form onSubmit={submit} noValidate aria-label="Close the dispute">
        <Stack gap="sm">
          <Title order={2} size="h4">
            Close the dispute
          </Title>
          <div>
            <SegmentedControl
              aria-label="Outcome"
              data={outcomes.map((value) => ({ value, label: outcomeLabels[value] }))}
              {...form.getInputProps('outcome')}
            />
            <Text size="xs" c="dimmed" mt={4}>
              {outcomeHints[outcome]}
            </Text>
          </div>
          {outcome === 'adjusted' ? (
            <TextInput
              label={`Adjustment (${currency})`}
              description="In the partner’s currency; negative to take back"
              placeholder={digits > 0 ? `250.${'0'.repeat(digits)}` : '250'}
              inputMode="decimal"
              required
              maw={280}
              {...form.getInputProps('amount')}
            />
          ) : null}
          <Textarea
            label="Reason"
            description="The partner reads it on the thread"
            autosize
            minRows={2}
            required
            {...form.getInputProps('reason')}
          />
          <Group justify="flex-end">
            <Button type="submit" color={outcome === 'denied' ? 'red' : undefined} loading={form.submitting}>
              {outcome === 'adjusted'
                ? 'Adjust and close'
                : outcome === 'resolved'
                  ? 'Close as resolved'
                  : 'Deny'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  )
}

/** The line the dispute is about: same partner and deal, so the deal's lines hold it. */
function DisputedLine({ dispute }: { dispute: DisputeView }) {
  const filters = { dealId: dispute.dealId, partnerId: dispute.partnerId }
  const lines = useQuery({
    queryKey: [...incentiveKeys.entries(filters), 'disputed'],
    queryFn: () => incentivesApi.entries(filters, null, 200),
    enabled: dispute.entryId !== null,
  })
  const line = lines.data?.items.find((entry) => entry.id === dispute.entryId)
  return (
    <Text size="sm" component="div">
      <AnchorLink to="/deals/$dealId" params={{ dealId: dispute.dealId }}>
        {line?.dealName ?? 'The deal'}
      </AnchorLink>
      {line ? (
        <Text span size="sm">
          {' '}
          · line of {formatMoney(line.amount)} dated {formatDate(line.lineDate)}, now {line.status}
        </Text>
      ) : dispute.entryId === null ? (
        <Text span size="sm" c="dimmed">
          {' '}
          · the partner believes they touched this deal
        </Text>
      ) : null}
    </Text>
  )
}

export function DisputePage({ disputeId }: { disputeId: string }) {
  const me = useMe()
  const dispute = useQuery({
    queryKey: incentiveKeys.dispute(disputeId),
    queryFn: () => disputesApi.get(disputeId),
  })
  const partnerId = dispute.data?.partnerId
  const partner = useQuery({
    queryKey: partnerKeys.detail(partnerId ?? ''),
    queryFn: () => partnersApi.get(partnerId ?? ''),
    enabled: partnerId !== undefined,
  })
  if (dispute.isPending) return <PageLoader label="Loading the dispute…" />
  if (dispute.isError) return <ErrorAlert error={dispute.error} what="Dispute" />
  const data = dispute.data
  const canAnswer = canManageMoney(me) && data.status === 'open'
  return (
    <>
      <PageHeader
        title={data.subject}
        badge={<DisputeStatusBadge dispute={data} />}
        description={`${data.partnerName} · opened ${formatDateTime(data.openedAt)} by ${data.openedBy} · ${dueText(data)}`}
      />
      <Text size="sm" mb="md">
        <AnchorLink to="/commissions/disputes">← All disputes</AnchorLink>
      </Text>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Stack gap="lg">
          <Paper withBorder p="lg" radius="md">
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              Disputed
            </Text>
            <DisputedLine dispute={data} />
            <Text size="xs" c="dimmed" tt="uppercase" fw={600} mt="sm">
              Partner
            </Text>
            <AnchorLink to="/partners/$partnerId" params={{ partnerId: data.partnerId }} size="sm">
              {data.partnerName}
            </AnchorLink>
          </Paper>
          <Paper withBorder p="lg" radius="md">
            <Title order={2} size="h4" mb="sm">
              Thread
            </Title>
            <DisputeThread dispute={data} />
          </Paper>
        </Stack>
        <Stack gap="lg">
          {canAnswer ? (
            <>
              <Paper withBorder p="lg" radius="md" component="section" aria-label="Reply">
                <Title order={2} size="h4" mb="sm">
                  Reply
                </Title>
                <ReplyForm dispute={data} />
              </Paper>
              {partner.isPending ? (
                <PageLoader label="Loading the partner’s currency…" />
              ) : partner.isError ? (
                <ErrorAlert error={partner.error} what="Partner" />
              ) : (
                <ResolveForm key={data.id} dispute={data} currency={partner.data.currency} />
              )}
            </>
          ) : data.status === 'open' ? (
            <Alert color="gray" title="Finance answers disputes">
              An owner, admin or finance user replies and closes it.
            </Alert>
          ) : null}
        </Stack>
      </SimpleGrid>
    </>
  )
}
