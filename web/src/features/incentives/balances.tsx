// What partners are owed, summed on the server per partner and currency: a table of every balance,
// a chart comparing the ten largest (approved and pending, one currency at a time), and the cards a
// partner sees of their own.
import { BarChart } from '@mantine/charts'
import { Group, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import type { BalanceView } from '../../../../src/modules/incentives/incentives.contract'
import { EmptyHint } from '../../ui/empty-hint'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { formatMoney } from '../../ui/money'
import { AnchorLink } from '../../ui/router-link'
import { incentiveKeys, incentivesApi } from './incentives-api'

const owed = (balance: BalanceView) =>
  BigInt(balance.approved.amountMinor) + BigInt(balance.pending.amountMinor)

const moneyCell = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const

/** The ten partners owed most in one currency, largest first, for the chart. */
export function topOwed(balances: readonly BalanceView[], currency: string, count = 10) {
  return balances
    .filter((balance) => balance.currency === currency && owed(balance) > 0n)
    .sort((a, b) =>
      owed(b) > owed(a) ? 1 : owed(b) < owed(a) ? -1 : a.partnerName.localeCompare(b.partnerName),
    )
    .slice(0, count)
    .map((balance) => ({
      partner: balance.partnerName,
      Approved: Number(balance.approved.amountMinor),
      Pending: Number(balance.pending.amountMinor),
    }))
}

function OwedChart({ balances }: { balances: BalanceView[] }) {
  // the currency most partners are owed in comes first
  const counts = new Map<string, number>()
  for (const balance of balances) counts.set(balance.currency, (counts.get(balance.currency) ?? 0) + 1)
  const currencies = [...counts.keys()].sort(
    (a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || a.localeCompare(b),
  )
  const [picked, setPicked] = useState<string | null>(null)
  const currency = picked && currencies.includes(picked) ? picked : (currencies[0] ?? 'USD')
  const data = topOwed(balances, currency)
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          Partners owed most in {currency}: approved and still pending
        </Text>
        {currencies.length > 1 ? (
          <SegmentedControl
            size="xs"
            data={currencies}
            value={currency}
            onChange={setPicked}
            aria-label="Currency"
          />
        ) : null}
      </Group>
      {data.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing approved or pending in {currency}.
        </Text>
      ) : (
        <BarChart
          h={Math.max(160, data.length * 36)}
          data={data}
          dataKey="partner"
          orientation="vertical"
          type="stacked"
          withLegend
          yAxisProps={{ width: 150 }}
          gridAxis="x"
          series={[
            { name: 'Approved', color: 'blue.6' },
            { name: 'Pending', color: 'yellow.5' },
          ]}
          valueFormatter={(value) =>
            formatMoney({ amountMinor: String(Math.round(value)), currency }, { compact: true })
          }
          aria-label={`Partners owed most in ${currency}`}
        />
      )}
    </Stack>
  )
}

export function BalancesCard() {
  const balances = useQuery({ queryKey: incentiveKeys.balances(), queryFn: () => incentivesApi.balances() })
  const items = [...(balances.data?.items ?? [])].sort(
    (a, b) => a.partnerName.localeCompare(b.partnerName) || a.currency.localeCompare(b.currency),
  )
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Balances">
      <Title order={2} size="h4" mb="md">
        Balances
      </Title>
      {balances.isPending ? (
        <PageLoader label="Adding up balances…" />
      ) : balances.isError ? (
        <ErrorAlert error={balances.error} what="Balances" />
      ) : items.length === 0 ? (
        <EmptyHint
          size="sm"
          title="Nobody is owed anything yet"
          description="Balances appear once commission lines are posted: add a plan, then recompute."
        />
      ) : (
        <Stack gap="lg">
          <OwedChart balances={items} />
          <Table.ScrollContainer minWidth={720}>
            <Table verticalSpacing={6} aria-label="Balances per partner">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Partner</Table.Th>
                  <Table.Th>Currency</Table.Th>
                  <Table.Th ta="right">Pending</Table.Th>
                  <Table.Th ta="right">Approved</Table.Th>
                  <Table.Th ta="right">Held</Table.Th>
                  <Table.Th ta="right">Paid</Table.Th>
                  <Table.Th ta="right">Total</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((balance) => (
                  <Table.Tr key={`${balance.partnerId}-${balance.currency}`}>
                    <Table.Td>
                      <AnchorLink to="/partners/$partnerId" params={{ partnerId: balance.partnerId }}>
                        {balance.partnerName}
                      </AnchorLink>
                    </Table.Td>
                    <Table.Td>{balance.currency}</Table.Td>
                    <Table.Td ta="right" style={moneyCell}>
                      {formatMoney(balance.pending)}
                    </Table.Td>
                    <Table.Td ta="right" style={moneyCell}>
                      {formatMoney(balance.approved)}
                    </Table.Td>
                    <Table.Td ta="right" style={moneyCell}>
                      {formatMoney(balance.held)}
                    </Table.Td>
                    <Table.Td ta="right" style={moneyCell}>
                      {formatMoney(balance.paid)}
                    </Table.Td>
                    <Table.Td ta="right" fw={600} style={moneyCell}>
                      {formatMoney(balance.total)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      )}
    </Paper>
  )
}

function BalanceStat({ label, value, hint }: { label: string; value: string; hint: string }) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={label}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={24} fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {hint}
      </Text>
    </Paper>
  )
}

/** A partner's own balance: one row of cards per currency they earn in. */
export function PartnerBalanceCards({ partnerId }: { partnerId: string }) {
  const balances = useQuery({
    queryKey: incentiveKeys.balances(partnerId),
    queryFn: () => incentivesApi.balances(partnerId),
  })
  if (balances.isPending) return <PageLoader label="Adding up your commission…" />
  if (balances.isError) return <ErrorAlert error={balances.error} what="Your balance" />
  if (balances.data.items.length === 0)
    return (
      <EmptyHint
        size="sm"
        title="No commission yet"
        description="Commission is posted when a deal you are credited on is won under one of the programme’s plans."
      />
    )
  return (
    <Stack gap="md">
      {balances.data.items.map((balance) => (
        <Stack key={balance.currency} gap={6} aria-label={`Your balance in ${balance.currency}`}>
          {balances.data.items.length > 1 ? (
            <Text size="sm" fw={600}>
              {balance.currency}
            </Text>
          ) : null}
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            <BalanceStat
              label="Pending"
              value={formatMoney(balance.pending)}
              hint="In the hold after the close"
            />
            <BalanceStat
              label="Approved"
              value={formatMoney(balance.approved)}
              hint="Paid in the next payout"
            />
            <BalanceStat label="Paid" value={formatMoney(balance.paid)} hint="Already paid out" />
            <BalanceStat label="Total" value={formatMoney(balance.total)} hint="Everything earned" />
          </SimpleGrid>
        </Stack>
      ))}
    </Stack>
  )
}

/** A partner's own balance in a card: on the portal home, with the way to every line behind it. */
export function YourBalanceCard({ partnerId, withLink = false }: { partnerId: string; withLink?: boolean }) {
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Your balance">
      <Group justify="space-between" mb="md">
        <Title order={2} size="h4">
          Your balance
        </Title>
        {withLink ? (
          <AnchorLink to="/portal/commissions" size="sm">
            Every commission line
          </AnchorLink>
        ) : null}
      </Group>
      <PartnerBalanceCards partnerId={partnerId} />
    </Paper>
  )
}
