// Touches as rows, shared by a partner's page in the console and the portal; each area links deals its own way.
import { type MantineSpacing, Table, Text } from '@mantine/core'
import type { ReactNode } from 'react'
import type { TouchpointView } from '../../../../src/modules/journeys/journeys.contract'
import { formatDateTime } from '../../ui/dates'

export function TouchesTable({
  touches,
  label,
  dealCell,
  verticalSpacing = 'sm',
}: {
  touches: TouchpointView[]
  label: string
  /** What the Deal column shows: the console knows deal names, the portal only links to the deal. */
  dealCell: (touch: TouchpointView) => ReactNode
  verticalSpacing?: MantineSpacing
}) {
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table verticalSpacing={verticalSpacing} aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>Activity</Table.Th>
            <Table.Th>Deal</Table.Th>
            <Table.Th>Notes</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {touches.map((touch) => (
            <Table.Tr key={touch.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(touch.occurredAt)}</Table.Td>
              <Table.Td>{touch.activityLabel}</Table.Td>
              <Table.Td>{dealCell(touch)}</Table.Td>
              <Table.Td>
                <Text size="sm" lineClamp={2}>
                  {touch.notes ?? '—'}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}
