// A payout batch: its payouts with their state, the partners held back and why, and the next step the
// status allows — approve, send, download the bank file, mark paid, let failed payouts go — with the
// server's refusal shown where the buttons are.
import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { IconAlertTriangle, IconCheck, IconDownload, IconSend, IconX } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { type ReactNode, useState } from 'react'
import type { BatchView } from '../../../../src/modules/incentives/payouts/payouts.contract'
import { isApiError } from '../../ui/api-client'
import { formatDate, formatDateTime } from '../../ui/dates'
import { EmptyHint } from '../../ui/empty-hint'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { humanize } from '../../ui/labels'
import { formatMoney } from '../../ui/money'
import { PageHeader } from '../../ui/page-header'
import { notifySuccess } from '../../ui/problem'
import { AnchorLink } from '../../ui/router-link'
import { useMe } from '../identity/session'
import { canManageMoney } from './incentives-access'
import { payoutKeys, payoutsApi } from './incentives-api'
import { batchStatusColors, railLabel } from './payouts-page'

const moneyCell = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const
type Step = 'approve' | 'execute' | 'paid'

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  )
}

function refusalOf(error: unknown): { title: string; detail: string } {
  if (isApiError(error))
    return {
      title: error.status === 403 ? 'Not allowed' : error.status === 409 ? 'Not now' : error.problem.title,
      detail: error.problem.detail ?? error.problem.title,
    }
  return { title: 'Something went wrong', detail: error instanceof Error ? error.message : String(error) }
}

function BatchActions({ batch }: { batch: BatchView }) {
  const queryClient = useQueryClient()
  const [refusal, setRefusal] = useState<{ title: string; detail: string } | null>(null)
  const step = useMutation({
    mutationFn: (what: Step) =>
      what === 'approve'
        ? payoutsApi.approve(batch.id)
        : what === 'execute'
          ? payoutsApi.execute(batch.id)
          : payoutsApi.markPaid(batch.id),
    onMutate: () => setRefusal(null),
    onSuccess: async (saved, what) => {
      queryClient.setQueryData(payoutKeys.batch(saved.id), saved)
      await queryClient.invalidateQueries({ queryKey: payoutKeys.batches })
      notifySuccess(
        what === 'approve'
          ? 'Batch approved'
          : what === 'execute'
            ? 'Sending the batch'
            : 'Batch marked paid',
      )
    },
    onError: (error) => setRefusal(refusalOf(error)),
  })
  const [releaseReason, setReleaseReason] = useState('')
  const release = useMutation({
    mutationFn: () => payoutsApi.releaseFailed(batch.id, releaseReason.trim()),
    onMutate: () => setRefusal(null),
    onSuccess: async (saved) => {
      queryClient.setQueryData(payoutKeys.batch(saved.id), saved)
      await queryClient.invalidateQueries({ queryKey: payoutKeys.batches })
      notifySuccess('Failed payouts released: their lines wait for the next batch')
    },
    onError: (error) => setRefusal(refusalOf(error)),
  })
  const busy = (what: Step) => step.isPending && step.variables === what
  const isBankFile = batch.rail === 'bank_file'
  const unsent = batch.payouts.some((payout) => payout.status === 'pending' || payout.status === 'processing')
  return (
    <Stack gap="sm">
      <Group gap="sm">
        {batch.status === 'pending' ? (
          <Button
            leftSection={<IconCheck size={16} />}
            loading={busy('approve')}
            onClick={() => step.mutate('approve')}
          >
            Approve
          </Button>
        ) : null}
        {batch.status === 'approved' || batch.status === 'failed' ? (
          <Button
            leftSection={<IconSend size={16} />}
            loading={busy('execute')}
            onClick={() => step.mutate('execute')}
          >
            {batch.status === 'failed' ? 'Send the failed payouts again' : 'Send'}
          </Button>
        ) : null}
        {isBankFile && batch.status !== 'pending' ? (
          <Button
            component="a"
            href={payoutsApi.fileUrl(batch.id)}
            download
            variant="default"
            leftSection={<IconDownload size={16} />}
          >
            Download bank file
          </Button>
        ) : null}
        {isBankFile && batch.status === 'processing' ? (
          <Button
            variant="default"
            leftSection={<IconCheck size={16} />}
            loading={busy('paid')}
            disabled={unsent}
            title={unsent ? 'The bank file is still being prepared' : undefined}
            onClick={() => step.mutate('paid')}
          >
            Mark paid
          </Button>
        ) : null}
      </Group>
      {batch.status === 'failed' ? (
        <Group gap="sm" align="flex-end">
          <TextInput
            label="Or let the failed payouts go"
            description="Their lines become payable in a later batch; the reason goes in the audit log"
            placeholder="e.g. the account was closed"
            value={releaseReason}
            onChange={(event) => setReleaseReason(event.currentTarget.value)}
            miw={320}
          />
          <Button
            variant="default"
            color="red"
            leftSection={<IconX size={16} />}
            loading={release.isPending}
            disabled={releaseReason.trim().length < 3}
            onClick={() => release.mutate()}
          >
            Release failed payouts
          </Button>
        </Group>
      ) : null}
      {refusal ? (
        <Alert
          color="red"
          icon={<IconAlertTriangle />}
          title={refusal.title}
          role="alert"
          withCloseButton
          onClose={() => setRefusal(null)}
        >
          {refusal.detail}
        </Alert>
      ) : null}
    </Stack>
  )
}

export function BatchPage({ batchId }: { batchId: string }) {
  const me = useMe()
  const batch = useQuery({
    queryKey: payoutKeys.batch(batchId),
    queryFn: () => payoutsApi.batch(batchId),
    // payouts go out in the background: follow them until the batch settles
    refetchInterval: (query) =>
      query.state.data?.status === 'processing' &&
      query.state.data.payouts.some((payout) => payout.status === 'pending' || payout.status === 'processing')
        ? 1500
        : false,
  })
  if (batch.isPending) return <PageLoader label="Loading the batch…" />
  if (batch.isError) return <ErrorAlert error={batch.error} what="Payout batch" />
  const data = batch.data
  return (
    <>
      <PageHeader
        title={`Payout batch to ${formatDate(data.periodTo)}`}
        badge={
          <Badge color={batchStatusColors[data.status]} size="lg">
            {humanize(data.status)}
          </Badge>
        }
        description={`${railLabel(data.rail)} · ${data.totals.map((total) => formatMoney(total)).join(' · ') || 'nothing to pay'}`}
      />
      <Text size="sm" mb="md">
        <AnchorLink to="/payouts">← All batches</AnchorLink>
      </Text>
      <Stack gap="lg">
        <Paper withBorder p="lg" radius="md">
          <SimpleGrid cols={{ base: 2, md: 4 }} mb={canManageMoney(me) ? 'md' : 0}>
            <Fact label="Created">
              {formatDateTime(data.createdAt)} by {data.createdBy}
            </Fact>
            <Fact label="Approval">
              {data.approvedBy
                ? `${data.approvedBy}, ${formatDateTime(data.approvedAt)}`
                : data.requiresSecondApprover
                  ? 'Waiting for a second approver'
                  : 'Waiting for approval'}
            </Fact>
            <Fact label="Four-eyes">{data.requiresSecondApprover ? 'On' : 'Off'}</Fact>
            <Fact label="Finished">{formatDateTime(data.finishedAt)}</Fact>
          </SimpleGrid>
          {canManageMoney(me) ? <BatchActions batch={data} /> : null}
        </Paper>
        <Paper withBorder p="lg" radius="md" component="section" aria-label="Payouts">
          <Title order={2} size="h4" mb="sm">
            Payouts
          </Title>
          {data.payouts.length === 0 ? (
            <EmptyHint
              size="sm"
              title="No payouts"
              description="Nobody was owed anything payable up to this day."
            />
          ) : (
            <Table.ScrollContainer minWidth={760}>
              <Table verticalSpacing={6} aria-label="Payouts in the batch">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Partner</Table.Th>
                    <Table.Th ta="right">Amount</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th ta="right">Attempts</Table.Th>
                    <Table.Th>Provider reference</Table.Th>
                    <Table.Th>Failure</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {data.payouts.map((payout) => (
                    <Table.Tr key={payout.id}>
                      <Table.Td>
                        <AnchorLink to="/partners/$partnerId" params={{ partnerId: payout.partnerId }}>
                          {payout.partnerName}
                        </AnchorLink>
                        <Text size="xs" c="dimmed">
                          {payout.entries} {payout.entries === 1 ? 'line' : 'lines'}
                        </Text>
                      </Table.Td>
                      <Table.Td ta="right" style={moneyCell}>
                        {formatMoney(payout.amount)}
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={batchStatusColors[payout.status]} miw="max-content">
                          {humanize(payout.status)}
                        </Badge>
                      </Table.Td>
                      <Table.Td ta="right">{payout.attempts}</Table.Td>
                      <Table.Td>{payout.providerRef ?? '—'}</Table.Td>
                      <Table.Td>
                        {payout.failureReason ? (
                          <Text size="sm" c="red">
                            {payout.failureReason}
                          </Text>
                        ) : (
                          '—'
                        )}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </Paper>
        {data.heldBack.length > 0 ? (
          <Paper withBorder p="lg" radius="md" component="section" aria-label="Held back">
            <Title order={2} size="h4">
              Held back
            </Title>
            <Text size="sm" c="dimmed" mb="sm">
              Owed, but not paid in this batch; they are carried to a later one.
            </Text>
            <Table verticalSpacing={6} aria-label="Partners held back">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Partner</Table.Th>
                  <Table.Th ta="right">Amount</Table.Th>
                  <Table.Th>Why</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.heldBack.map((held) => (
                  <Table.Tr key={`${held.partnerId}-${held.currency}`}>
                    <Table.Td>
                      <AnchorLink to="/partners/$partnerId" params={{ partnerId: held.partnerId }}>
                        {held.partnerName}
                      </AnchorLink>
                    </Table.Td>
                    <Table.Td ta="right" style={moneyCell}>
                      {formatMoney(held.amount)}
                    </Table.Td>
                    <Table.Td>{held.reason}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        ) : null}
      </Stack>
    </>
  )
}
