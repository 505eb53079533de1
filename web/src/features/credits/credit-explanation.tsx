// One actor's credit explained: the sentence, then the math — each touch with its weight — and the
// sum that gives the share. Each touch row can jump to the touch on the deal's timeline.
import { Anchor, List, Stack, Table, Text } from '@mantine/core'
import type { CreditView } from '../../../../src/modules/credits/credits.contract'
import { formatDateTime } from '../../ui/dates'
import { humanize } from '../../ui/labels'
import {
  creditTouchAnchor,
  formatShare,
  formatWeight,
  jumpTo,
  timelineTouchAnchor,
  weighedLine,
} from './credit-math'

const days = (value: number) =>
  `${new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }).format(value)} days before close`

export function CreditExplanation({
  credit,
  label,
  linkToTimeline,
}: {
  credit: CreditView
  label: string
  linkToTimeline: boolean
}) {
  return (
    <Stack gap="xs">
      <Text size="sm">{credit.explanation}</Text>
      {credit.touches.length > 0 ? (
        <Table verticalSpacing={4} fz="sm" aria-label={label}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Touch</Table.Th>
              <Table.Th>When</Table.Th>
              <Table.Th ta="right">Weight</Table.Th>
              <Table.Th ta="right">Share of the deal</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {credit.touches.map((touch, i) => {
              const anchor = touch.touchId ? creditTouchAnchor(touch.touchId) : undefined
              return (
                <Table.Tr key={touch.touchId ?? i} id={anchor} tabIndex={anchor ? -1 : undefined}>
                  <Table.Td>
                    {linkToTimeline && touch.touchId ? (
                      <Anchor
                        href={`#${timelineTouchAnchor(touch.touchId)}`}
                        onClick={(event) => {
                          event.preventDefault()
                          if (touch.touchId) jumpTo(timelineTouchAnchor(touch.touchId))
                        }}
                        aria-label={`${humanize(touch.activity)} on the timeline`}
                      >
                        {humanize(touch.activity)}
                      </Anchor>
                    ) : (
                      humanize(touch.activity)
                    )}
                  </Table.Td>
                  <Table.Td>
                    <time dateTime={touch.at} title={formatDateTime(touch.at)}>
                      {days(touch.daysBefore)}
                    </time>
                  </Table.Td>
                  <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {formatWeight(touch.weight)}
                  </Table.Td>
                  <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                    {formatShare(touch.share)}
                  </Table.Td>
                </Table.Tr>
              )
            })}
          </Table.Tbody>
        </Table>
      ) : null}
      {credit.totalWeight > 0 ? (
        <Text size="sm" fw={600} style={{ fontVariantNumeric: 'tabular-nums' }}>
          {weighedLine(credit)}
        </Text>
      ) : null}
      {credit.adjustments.length > 0 ? (
        <List size="sm" aria-label="Adjustments">
          {credit.adjustments.map((adjustment) => (
            <List.Item key={`${adjustment.kind}-${adjustment.text}`}>{adjustment.text}</List.Item>
          ))}
        </List>
      ) : null}
    </Stack>
  )
}
