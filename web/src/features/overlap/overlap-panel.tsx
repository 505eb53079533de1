// One partner's account overlap: share (or replace) the partner's list as CSV, then the accounts both
// sides have, counted by where each side stands and listed with filters. The list itself is kept only
// as keyed hashes; neither side sees the other's accounts beyond the overlap.
import { Button, FileInput, Group, Paper, Progress, Select, Stack, Table, Text, Title } from '@mantine/core'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { AccountStanding } from '../../../../src/modules/revenue/overlap/overlap.contract'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { notifyError, notifySuccess } from '../../ui/problem'
import { type OverlapFilter, overlapApi, overlapKeys, standingLabels } from './overlap-api'

const standings: AccountStanding[] = ['customer', 'open', 'prospect']
const standingOptions = standings.map((value) => ({ value, label: standingLabels[value] }))

function ShareList({ partnerId }: { partnerId: string }) {
  const client = useQueryClient()
  const [file, setFile] = useState<File | null>(null)
  const [progress, setProgress] = useState<number | null>(null)
  const share = useMutation({
    mutationFn: (picked: File) => overlapApi.share(partnerId, picked, setProgress),
    onSuccess: async (list) => {
      setFile(null)
      notifySuccess(`List shared: ${list.rows} accounts, ${list.overlap} in common`)
      await client.invalidateQueries({ queryKey: overlapKeys.all })
    },
    onError: (error) => notifyError(error, 'The list was not shared'),
    onSettled: () => setProgress(null),
  })
  return (
    <Stack gap="xs">
      <FileInput
        label="Account list (CSV)"
        description="A header row with name, and optionally domain and status (customer, open or prospect). Only keyed hashes of each account are kept."
        placeholder="Choose a .csv file"
        accept=".csv,text/csv"
        value={file}
        onChange={setFile}
        clearable
      />
      {progress !== null ? <Progress value={progress * 100} aria-label="Upload progress" /> : null}
      <Group justify="flex-end">
        <Button disabled={!file} loading={share.isPending} onClick={() => file && share.mutate(file)}>
          Share list
        </Button>
      </Group>
    </Stack>
  )
}

export function OverlapPanel({ partnerId, ourLabel }: { partnerId: string; ourLabel: string }) {
  const [filter, setFilter] = useState<OverlapFilter>({})
  const overlap = useQuery({
    queryKey: overlapKeys.overlap(partnerId, filter),
    queryFn: () => overlapApi.overlap(partnerId, filter),
  })
  if (overlap.isPending) return <PageLoader label="Matching accounts…" />
  if (overlap.isError) return <ErrorAlert error={overlap.error} what="Account overlap" />
  const data = overlap.data
  return (
    <Stack gap="lg">
      <Paper withBorder p="lg" radius="md" component="section" aria-label="Shared list">
        <Title order={2} size="h4" mb={4}>
          {data.partner.name}'s list
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          {data.list
            ? `${data.list.rows} accounts shared on ${data.list.uploadedAt.slice(0, 10)}.`
            : 'No list shared yet.'}
        </Text>
        <ShareList partnerId={partnerId} />
      </Paper>
      <Paper withBorder p="lg" radius="md" component="section" aria-label="Accounts in common">
        <Title order={2} size="h4" mb="sm">
          Accounts in common: {data.total}
        </Title>
        {data.counts.length > 0 ? (
          <Table verticalSpacing={4} mb="md" aria-label="Overlap by standing" w="auto">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{ourLabel}</Table.Th>
                <Table.Th>{data.partner.name}</Table.Th>
                <Table.Th ta="right">Accounts</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.counts.map((count) => (
                <Table.Tr key={`${count.ours}-${count.theirs}`}>
                  <Table.Td>{standingLabels[count.ours]}</Table.Td>
                  <Table.Td>{standingLabels[count.theirs]}</Table.Td>
                  <Table.Td ta="right">{count.accounts}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : null}
        <Group mb="sm">
          <Select
            label={`With ${ourLabel}`}
            placeholder="Any"
            data={standingOptions}
            value={filter.ours ?? null}
            onChange={(value) =>
              setFilter({ ...filter, ours: (value as AccountStanding | null) ?? undefined })
            }
            clearable
            w={180}
          />
          <Select
            label={`With ${data.partner.name}`}
            placeholder="Any"
            data={standingOptions}
            value={filter.theirs ?? null}
            onChange={(value) =>
              setFilter({ ...filter, theirs: (value as AccountStanding | null) ?? undefined })
            }
            clearable
            w={180}
          />
        </Group>
        <Table verticalSpacing={6} aria-label="Accounts both have">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Account</Table.Th>
              <Table.Th>{ourLabel}</Table.Th>
              <Table.Th>{data.partner.name}</Table.Th>
              <Table.Th>Matched on</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.items.map((item) => (
              <Table.Tr key={item.accountId}>
                <Table.Td>
                  {item.name}
                  {item.domain ? (
                    <Text size="xs" c="dimmed">
                      {item.domain}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>{standingLabels[item.ours]}</Table.Td>
                <Table.Td>{standingLabels[item.theirs]}</Table.Td>
                <Table.Td>{item.matchedOn}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {data.total > data.items.length ? (
          <Text size="xs" c="dimmed" mt="xs">
            The first {data.items.length} of {data.total}; narrow them with the filters.
          </Text>
        ) : null}
      </Paper>
    </Stack>
  )
}
