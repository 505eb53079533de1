// A deal's credit as one stacked bar: each actor's share side by side, summing to the whole deal.
import { Group, Progress, Text, Tooltip } from '@mantine/core'
import { formatMoney } from '../../ui/money'
import { actorName, formatShare } from './credit-math'

const palette = ['indigo.6', 'teal.6', 'orange.6', 'grape.6', 'cyan.6', 'lime.7', 'pink.6', 'yellow.7']
export const actorColor = (index: number, actor: string): string =>
  actor === 'direct' || actor === 'others' ? 'gray.5' : (palette[index % palette.length] ?? 'indigo.6')

type Slice = {
  actor: string
  partnerName: string | null
  share: string
  amount: { amountMinor: string; currency: string }
}

export function ShareBar({ credits, label }: { credits: Slice[]; label: string }) {
  return (
    <>
      <Progress.Root size={28} role="group" aria-label={label}>
        {credits.map((credit, i) => {
          const name = actorName(credit)
          const percent = Number(credit.share) * 100
          return (
            <Tooltip
              key={credit.actor}
              label={`${name}: ${formatShare(credit.share)}, ${formatMoney(credit.amount)}`}
            >
              <Progress.Section
                value={percent}
                color={actorColor(i, credit.actor)}
                aria-label={`${name} ${formatShare(credit.share)}`}
              >
                {percent >= 12 ? <Progress.Label>{formatShare(credit.share)}</Progress.Label> : null}
              </Progress.Section>
            </Tooltip>
          )
        })}
      </Progress.Root>
      <Group gap="md" mt={6} wrap="wrap">
        {credits.map((credit, i) => (
          <Group key={credit.actor} gap={6} wrap="nowrap">
            <Progress value={100} color={actorColor(i, credit.actor)} w={12} size={12} aria-hidden />
            <Text size="xs">{actorName(credit)}</Text>
          </Group>
        ))}
      </Group>
    </>
  )
}
