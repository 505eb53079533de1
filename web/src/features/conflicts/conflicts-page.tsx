// Channel conflicts: each account whose open deals several partners touch, with every partner's
// evidence (how many touches, when, which activities) and the decision: who owns it, or no conflict.
import {
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { ChannelConflictView } from '../../../../src/modules/revenue/conflicts/channel-conflicts.contract'
import { EmptyHint } from '../../ui/empty-hint'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { formatMoney } from '../../ui/money'
import { PageHeader } from '../../ui/page-header'
import { notifyError, notifySuccess } from '../../ui/problem'
import { AnchorLink } from '../../ui/router-link'
import { useMe } from '../identity/session'
import { canDecideConflicts, conflictKeys, conflictsApi } from './conflicts-api'

function DecisionForm({ conflict }: { conflict: ChannelConflictView }) {
  const client = useQueryClient()
  const [owner, setOwner] = useState<string | null>(null)
  const [note, setNote] = useState('')
  const decide = useMutation({
    mutationFn: (input: { outcome: 'owner' | 'dismissed'; ownerPartnerId?: string }) =>
      conflictsApi.decide(conflict.key, { ...input, note }),
    onSuccess: async () => {
      notifySuccess('Conflict decided')
      await client.invalidateQueries({ queryKey: conflictKeys.all })
    },
    onError: (error) => notifyError(error, 'The conflict was not decided'),
  })
  return (
    <Stack gap="xs" component="form" aria-label={`Decide ${conflict.account?.name ?? conflict.key}`}>
      <Group align="flex-end">
        <Select
          label="Owner"
          placeholder="Pick the partner who owns it"
          data={conflict.partners.map((p) => ({ value: p.partnerId, label: p.name }))}
          value={owner}
          onChange={setOwner}
          w={240}
        />
        <Textarea
          label="Note"
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          autosize
          w={360}
        />
      </Group>
      <Group>
        <Button
          disabled={!owner || !note.trim()}
          loading={decide.isPending}
          onClick={() => owner && decide.mutate({ outcome: 'owner', ownerPartnerId: owner })}
        >
          Name the owner
        </Button>
        <Button
          variant="default"
          disabled={!note.trim()}
          loading={decide.isPending}
          onClick={() => decide.mutate({ outcome: 'dismissed' })}
        >
          No conflict
        </Button>
      </Group>
    </Stack>
  )
}

function ConflictCard({ conflict, canDecide }: { conflict: ChannelConflictView; canDecide: boolean }) {
  const title = conflict.account?.name ?? conflict.deals[0]?.name ?? conflict.key
  const owner = conflict.partners.find((p) => p.partnerId === conflict.decision?.ownerPartnerId)
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label={title}>
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4">
          {title}
        </Title>
        <Badge color={conflict.status === 'open' ? 'orange' : 'teal'}>
          {conflict.status === 'open' ? `${conflict.partners.length} partners` : 'Decided'}
        </Badge>
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        Open deals:{' '}
        {conflict.deals.map((deal, i) => (
          <span key={deal.id}>
            {i > 0 ? ', ' : ''}
            <AnchorLink to="/deals/$dealId" params={{ dealId: deal.id }}>
              {deal.name}
            </AnchorLink>{' '}
            ({formatMoney(deal.amount)}, {deal.stage})
          </span>
        ))}
      </Text>
      <Table verticalSpacing={4} mb="sm" aria-label={`Partners on ${title}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Partner</Table.Th>
            <Table.Th ta="right">Deals</Table.Th>
            <Table.Th ta="right">Touches</Table.Th>
            <Table.Th>First</Table.Th>
            <Table.Th>Last</Table.Th>
            <Table.Th>Activities</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {conflict.partners.map((p) => (
            <Table.Tr key={p.partnerId}>
              <Table.Td>
                <AnchorLink to="/partners/$partnerId" params={{ partnerId: p.partnerId }}>
                  {p.name}
                </AnchorLink>
              </Table.Td>
              <Table.Td ta="right">{p.deals}</Table.Td>
              <Table.Td ta="right">{p.touches}</Table.Td>
              <Table.Td>{p.firstAt.slice(0, 10)}</Table.Td>
              <Table.Td>{p.lastAt.slice(0, 10)}</Table.Td>
              <Table.Td>{p.activities.join(', ')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {conflict.decision ? (
        <Text size="sm">
          {conflict.decision.outcome === 'owner' ? `Owned by ${owner?.name ?? 'a partner'}` : 'No conflict'} —{' '}
          {conflict.decision.note} ({conflict.decision.decidedBy}, {conflict.decision.decidedAt.slice(0, 10)})
        </Text>
      ) : canDecide ? (
        <DecisionForm conflict={conflict} />
      ) : null}
    </Paper>
  )
}

export function ConflictsPage() {
  const me = useMe()
  const [status, setStatus] = useState<'open' | 'decided' | 'all'>('open')
  const conflicts = useQuery({
    queryKey: conflictKeys.list(status),
    queryFn: () => conflictsApi.list(status),
  })
  return (
    <>
      <PageHeader
        title="Channel conflicts"
        description="Accounts whose open deals several partners are working, with each partner's touches as evidence"
        actions={
          <SegmentedControl
            aria-label="Which conflicts"
            data={[
              { value: 'open', label: 'Open' },
              { value: 'decided', label: 'Decided' },
              { value: 'all', label: 'All' },
            ]}
            value={status}
            onChange={(value) => setStatus(value as typeof status)}
          />
        }
      />
      {conflicts.isPending ? (
        <PageLoader label="Finding conflicts…" />
      ) : conflicts.isError ? (
        <ErrorAlert error={conflicts.error} what="Channel conflicts" />
      ) : conflicts.data.items.length === 0 ? (
        <EmptyHint
          title={status === 'open' ? 'No open conflicts' : 'Nothing here'}
          description="An account shows up here when partners touch its open deals; another partner arriving opens a decided one again."
        />
      ) : (
        <Stack gap="lg">
          <Text size="sm" c="dimmed">
            {conflicts.data.total > conflicts.data.items.length
              ? `The ${conflicts.data.items.length} with the most partners, of ${conflicts.data.total}.`
              : `${conflicts.data.total} accounts.`}
          </Text>
          {conflicts.data.items.map((conflict) => (
            <ConflictCard key={conflict.key} conflict={conflict} canDecide={canDecideConflicts(me)} />
          ))}
        </Stack>
      )}
    </>
  )
}
