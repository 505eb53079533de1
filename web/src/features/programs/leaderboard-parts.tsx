// The leaderboard as both sides read it: a chart of the places shown (when amounts are) and the table
// of ranks, with the signed-in partner's row marked.
import { BarChart } from '@mantine/charts'
import { Badge, Table, Text } from '@mantine/core'
import type { LeaderboardView } from '../../../../src/modules/programs/leaderboard/leaderboard.contract'
import { formatDate } from '../../ui/dates'
import { EmptyHint } from '../../ui/empty-hint'
import { formatCount, formatMinor, formatMoney, minorDigits } from '../../ui/money'

export const periodLine = (board: LeaderboardView) =>
  `Revenue attributed under the paying model on deals won from ${formatDate(board.from)} to ${formatDate(board.to)} (${board.periodMonths} ${board.periodMonths === 1 ? 'month' : 'months'}), in ${board.currency}.`

export function LeaderboardChart({ board }: { board: LeaderboardView }) {
  const shown = board.entries.filter((e) => e.revenue)
  if (shown.length < board.entries.length || shown.length === 0) return null
  return (
    <BarChart
      h={Math.max(160, shown.length * 36)}
      orientation="vertical"
      data={shown.map((e) => ({ partner: e.partnerName, Revenue: Number(e.revenue!.amount) }))}
      dataKey="partner"
      series={[{ name: 'Revenue', color: 'indigo.6' }]}
      valueFormatter={(value) =>
        formatMinor(BigInt(Math.round(value * 10 ** minorDigits(board.currency))), board.currency, {
          compact: true,
        })
      }
      yAxisProps={{ width: 160 }}
      aria-label="Attributed revenue by partner"
    />
  )
}

export function LeaderboardTable({ board, emptyHint }: { board: LeaderboardView; emptyHint: string }) {
  if (board.entries.length === 0)
    return <EmptyHint size="sm" title="Nobody on the board yet" description={emptyHint} />
  return (
    <Table.ScrollContainer minWidth={480}>
      <Table verticalSpacing="sm" aria-label="Leaderboard">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={70}>Rank</Table.Th>
            <Table.Th>Partner</Table.Th>
            <Table.Th ta="right">Won deals</Table.Th>
            <Table.Th ta="right">Attributed revenue</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {board.entries.map((entry) => (
            <Table.Tr
              key={entry.partnerId}
              bg={entry.isYou ? 'var(--mantine-color-indigo-light)' : undefined}
              aria-current={entry.isYou ? 'true' : undefined}
            >
              <Table.Td fw={700}>#{entry.rank}</Table.Td>
              <Table.Td>
                {entry.partnerName}{' '}
                {entry.isYou ? (
                  <Badge size="xs" variant="light">
                    You
                  </Badge>
                ) : null}
              </Table.Td>
              <Table.Td ta="right">{formatCount(entry.deals)}</Table.Td>
              <Table.Td ta="right">
                {entry.revenue ? (
                  formatMoney(entry.revenue)
                ) : (
                  <Text span size="sm" c="dimmed">
                    hidden
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}
