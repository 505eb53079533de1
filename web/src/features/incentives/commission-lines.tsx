// Commission lines, newest first, a page at a time, filtered by status (and partner, on the console);
// each line opens its receipt.
import { Badge, Button, Drawer, Group, Paper, Select, Table, Text, Title } from '@mantine/core'
import { IconReceipt } from '@tabler/icons-react'
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query'
import { useMemo, useState } from 'react'
import {
  type EntryStatus,
  type EntryView,
  entryStatus,
} from '../../../../src/modules/incentives/incentives.contract'
import { formatDate } from '../../ui/dates'
import { EmptyHint } from '../../ui/empty-hint'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { humanize, toOptions } from '../../ui/labels'
import { formatCount, formatMoney } from '../../ui/money'
import { PartnerPicker } from '../partners/partner-picker'
import { type Area, EntryDetail } from './entry-receipt'
import { entryStatusColors } from './incentives-access'
import { type EntryFilters, incentiveKeys, incentivesApi } from './incentives-api'

const pageSize = 25

const lineTitle = (entry: EntryView) =>
  entry.dealName ?? entry.receipt?.deal.name ?? (entry.kind === 'reversal' ? 'Reversal' : entry.lineKey)

export function CommissionLines({ area }: { area: Area }) {
  const [status, setStatus] = useState<EntryStatus | null>(null)
  const [partnerId, setPartnerId] = useState<string | null>(null)
  const [open, setOpen] = useState<EntryView | null>(null)
  const filters: EntryFilters = {
    ...(status ? { status } : {}),
    ...(partnerId && area === 'console' ? { partnerId } : {}),
  }
  const lines = useInfiniteQuery({
    queryKey: incentiveKeys.entries(filters),
    queryFn: ({ pageParam }) => incentivesApi.entries(filters, pageParam, pageSize),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  })
  const items = useMemo(() => lines.data?.pages.flatMap((page) => page.items) ?? [], [lines.data])
  const filtered = status !== null || partnerId !== null

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Commission lines">
      <Group justify="space-between" align="flex-end" mb="md" wrap="wrap">
        <Title order={2} size="h4">
          Commission lines
        </Title>
        <Group gap="sm" wrap="wrap">
          {area === 'console' ? (
            <PartnerPicker
              label="Partner"
              placeholder="All partners"
              clearable
              value={partnerId}
              onChange={setPartnerId}
              w={240}
            />
          ) : null}
          <Select
            label="Status"
            placeholder="Any status"
            clearable
            data={toOptions(entryStatus.options)}
            value={status}
            onChange={(value) => setStatus(entryStatus.safeParse(value).data ?? null)}
            w={160}
          />
        </Group>
      </Group>
      {lines.isPending ? (
        <PageLoader label="Loading commission lines…" />
      ) : lines.isError ? (
        <ErrorAlert error={lines.error} what="Commission lines" />
      ) : items.length === 0 ? (
        <EmptyHint
          size="sm"
          title={filtered ? 'No lines match' : 'No commission lines yet'}
          description={
            filtered
              ? 'Clear the filters to see every line.'
              : area === 'console'
                ? 'Lines are posted when credited partners win deals under an active plan. Add a plan, then recompute.'
                : 'Your commission appears here as deals you are credited on are won.'
          }
        />
      ) : (
        <>
          <Table.ScrollContainer minWidth={720}>
            <Table highlightOnHover verticalSpacing="xs" aria-label="Commission lines">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Date</Table.Th>
                  {area === 'console' ? <Table.Th>Partner</Table.Th> : null}
                  <Table.Th>Deal</Table.Th>
                  <Table.Th>Plan and rule</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th ta="right">Amount</Table.Th>
                  <Table.Th aria-label="Receipt" />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((entry) => (
                  <Table.Tr key={entry.id} onClick={() => setOpen(entry)} style={{ cursor: 'pointer' }}>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(entry.lineDate)}</Table.Td>
                    {area === 'console' ? <Table.Td>{entry.partnerName}</Table.Td> : null}
                    <Table.Td>{lineTitle(entry)}</Table.Td>
                    <Table.Td>
                      {entry.receipt ? (
                        <Text size="sm">
                          {entry.receipt.plan.name} v{entry.receipt.plan.version} · {entry.receipt.rule.label}
                        </Text>
                      ) : (
                        <Text size="sm" c="dimmed" lineClamp={1} title={entry.reason}>
                          {entry.reason}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={entryStatusColors[entry.status]} miw="max-content">
                        {humanize(entry.status)}
                      </Badge>
                    </Table.Td>
                    <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                      {formatMoney(entry.amount)}
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        leftSection={<IconReceipt size={14} />}
                        aria-label={`Receipt of the line for ${lineTitle(entry)}`}
                        onClick={(event) => {
                          event.stopPropagation()
                          setOpen(entry)
                        }}
                      >
                        Receipt
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Group justify="center" gap="md" mt="md">
            <Text size="sm" c="dimmed" role="status">
              {formatCount(items.length)} {items.length === 1 ? 'line' : 'lines'}
              {lines.hasNextPage ? ' so far' : ''}
            </Text>
            {lines.hasNextPage ? (
              <Button
                variant="default"
                loading={lines.isFetchingNextPage}
                onClick={() => void lines.fetchNextPage()}
              >
                Load more
              </Button>
            ) : null}
          </Group>
        </>
      )}
      <Drawer
        opened={open !== null}
        onClose={() => setOpen(null)}
        position="right"
        size="lg"
        title={open ? `Commission line · ${lineTitle(open)}` : ''}
      >
        {open ? <EntryDetail entry={open} area={area} onOpen={setOpen} /> : null}
      </Drawer>
    </Paper>
  )
}
