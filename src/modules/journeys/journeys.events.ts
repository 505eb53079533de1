// What journeys publishes. Later modules (attribution first) subscribe to these to recompute credit.
export const journeyEvents = {
  accountChanged: 'account.changed',
  dealCreated: 'deal.created',
  dealChanged: 'deal.changed',
  touchpointRecorded: 'touchpoint.recorded',
  touchpointRemoved: 'touchpoint.removed',
} as const

export type JourneyEventType = (typeof journeyEvents)[keyof typeof journeyEvents]

/** Payload of every deal and touchpoint event: enough for a subscriber to find what to recompute. */
export interface JourneyEventPayload extends Record<string, unknown> {
  dealId: string
  touchpointId?: string
  partnerId?: string | null
  status?: string
}
