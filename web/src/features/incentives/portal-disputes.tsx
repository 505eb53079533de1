// Portal → Commissions → Your disputes: the partner's disputes with their status and when the
// answer is due; each opens its thread, where they add messages and evidence while it is open.
import { Anchor, Drawer, Paper, Stack, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { formatDate } from '../../ui/dates'
import { EmptyHint } from '../../ui/empty-hint'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { DisputeStatusBadge, DisputeThread, dueText, ReplyForm } from './dispute-thread'
import { type DisputeSummary, disputesApi, incentiveKeys } from './incentives-api'

function DisputeDetail({ disputeId }: { disputeId: string }) {
  const dispute = useQuery({
    queryKey: incentiveKeys.dispute(disputeId),
    queryFn: () => disputesApi.get(disputeId),
  })
  if (dispute.isPending) return <PageLoader label="Loading the thread…" />
  if (dispute.isError) return <ErrorAlert error={dispute.error} what="Dispute" />
  const data = dispute.data
  return (
    <Stack gap="md">
      <Stack gap={4}>
        <DisputeStatusBadge dispute={data} />
        <Text size="sm" c="dimmed">
          Opened {formatDate(data.openedAt)} by {data.openedBy} · {dueText(data)}
        </Text>
      </Stack>
      <DisputeThread dispute={data} />
      {data.status === 'open' ? <ReplyForm dispute={data} /> : null}
    </Stack>
  )
}

export function YourDisputes() {
  const [open, setOpen] = useState<DisputeSummary | null>(null)
  const disputes = useQuery({ queryKey: incentiveKeys.disputeList(), queryFn: () => disputesApi.list() })
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Your disputes">
      <Title order={2} size="h4" mb="md">
        Your disputes
      </Title>
      {disputes.isPending ? (
        <PageLoader label="Loading your disputes…" />
      ) : disputes.isError ? (
        <ErrorAlert error={disputes.error} what="Disputes" />
      ) : disputes.data.items.length === 0 ? (
        <EmptyHint
          size="sm"
          title="No disputes"
          description="If a commission line looks wrong, open its receipt and choose Dispute this line."
        />
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table highlightOnHover verticalSpacing="xs" aria-label="Your disputes">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Subject</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Opened</Table.Th>
                <Table.Th>Answer</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {disputes.data.items.map((dispute) => (
                <Table.Tr key={dispute.id} onClick={() => setOpen(dispute)} style={{ cursor: 'pointer' }}>
                  <Table.Td>
                    <Anchor
                      component="button"
                      type="button"
                      size="sm"
                      ta="left"
                      onClick={(event) => {
                        event.stopPropagation()
                        setOpen(dispute)
                      }}
                    >
                      {dispute.subject}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <DisputeStatusBadge dispute={dispute} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(dispute.openedAt)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{dueText(dispute)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Drawer
        opened={open !== null}
        onClose={() => setOpen(null)}
        position="right"
        size="lg"
        title={open ? `Dispute · ${open.subject}` : ''}
      >
        {open ? <DisputeDetail disputeId={open.id} /> : null}
      </Drawer>
    </Paper>
  )
}
