// A deal's touches, oldest first: what happened, who did it, when, and the notes.
import { Anchor, Text, Timeline } from '@mantine/core'
import { IconBuildingStore, IconUser } from '@tabler/icons-react'
import type { TouchpointView } from '../../../../src/modules/journeys/journeys.contract'
import { formatDateTime } from '../../ui/dates'
import { EmptyHint } from '../../ui/empty-hint'
import { humanize } from '../../ui/labels'
import { AnchorLink } from '../../ui/router-link'
import { creditTouchAnchor, jumpTo, timelineTouchAnchor } from '../credits/credit-math'
import type { Area } from './deals-table'

function Actor({ touch, area }: { touch: TouchpointView; area: Area }) {
  if (touch.actor.kind === 'direct') return <Text span>Direct: {touch.actor.seller}</Text>
  const label = `${touch.actor.partnerName} (${humanize(touch.actor.partnerType)})`
  return area === 'console' ? (
    <AnchorLink to="/partners/$partnerId" params={{ partnerId: touch.actor.partnerId }}>
      {label}
    </AnchorLink>
  ) : (
    <Text span fw={500}>
      {label}
    </Text>
  )
}

export function TouchTimeline({
  touches,
  area,
  emptyHint,
  creditTouchIds,
}: {
  touches: TouchpointView[]
  area: Area
  emptyHint: string
  /** Touches that appear in the credit shown beside the timeline; each links to its place there. */
  creditTouchIds?: ReadonlySet<string>
}) {
  if (touches.length === 0) return <EmptyHint size="sm" title="No touches yet" description={emptyHint} />
  return (
    <Timeline active={touches.length - 1} bulletSize={28} lineWidth={2} aria-label="Touch timeline">
      {touches.map((touch) => (
        <Timeline.Item
          key={touch.id}
          bullet={touch.actor.kind === 'partner' ? <IconBuildingStore size={14} /> : <IconUser size={14} />}
          title={touch.activityLabel}
          id={timelineTouchAnchor(touch.id)}
          tabIndex={-1}
        >
          <Text size="sm">
            <Actor touch={touch} area={area} />
          </Text>
          <Text size="xs" c="dimmed">
            <time dateTime={touch.occurredAt}>{formatDateTime(touch.occurredAt)}</time>
            {touch.source ? ` · from ${touch.source}` : ''}
          </Text>
          {touch.notes ? (
            <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
              {touch.notes}
            </Text>
          ) : null}
          {creditTouchIds?.has(touch.id) ? (
            <Anchor
              size="xs"
              href={`#${creditTouchAnchor(touch.id)}`}
              aria-label={`${touch.activityLabel}: its weight in the credit`}
              onClick={(event) => {
                event.preventDefault()
                jumpTo(creditTouchAnchor(touch.id))
              }}
            >
              Its weight in the credit
            </Anchor>
          ) : null}
        </Timeline.Item>
      ))}
    </Timeline>
  )
}
