// Money per currency, each figure exact in its own currency: amounts in different currencies are
// never added up or drawn on one axis, since that would need exchange rates.
import { Table, Text } from '@mantine/core'
import type { DealSummaryView } from '../../../../src/modules/journeys/journeys.contract'
import { formatCount, formatMoney } from '../../ui/money'
import { currencyOptions } from '../../ui/region-select'

type CurrencyTotal = DealSummaryView['openPipeline'][number]

const currencyNames = new Map(currencyOptions().map((option) => [option.value, option.label]))

export function CurrencyTotals({ totals, label }: { totals: CurrencyTotal[]; label: string }) {
  if (totals.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No deals yet.
      </Text>
    )
  return (
    <Table verticalSpacing={6} aria-label={label}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Currency</Table.Th>
          <Table.Th ta="right">Amount</Table.Th>
          <Table.Th ta="right">Deals</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {totals.map((total) => (
          <Table.Tr key={total.currency}>
            <Table.Td>
              <Text size="sm" title={currencyNames.get(total.currency)}>
                {total.currency}
              </Text>
            </Table.Td>
            <Table.Td
              ta="right"
              fw={600}
              style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}
            >
              {formatMoney(total)}
            </Table.Td>
            <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
              {formatCount(total.deals)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  )
}
