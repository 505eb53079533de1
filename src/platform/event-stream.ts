// Server-sent events read from the outbox: a stream follows one org's events of some types, shows each
// through the caller's view (what this caller may see of it, or nothing) and writes it with its outbox
// id, so a reconnecting browser resumes from the Last-Event-ID it last saw. The outbox is shared by
// every server instance, so a change made through one reaches a browser connected to another.
import type { Db } from '../db/client'
import type { EventSignal } from './event-signal'
import { type DomainEvent, latestEventId, listEventsAfter } from './events'

export interface LiveStream {
  write(text: string): void
  /** Resolves when the client goes away. */
  closed: Promise<void>
}

/** What a caller sees of one event: its data, or null when it is none of theirs. */
export type EventView = (event: DomainEvent) => unknown | null

interface ViewedEvents {
  events: { id: string; type: string; data: unknown }[]
  /** Where the next read starts: the last event read, seen or not. */
  lastId: string | null
  /** A whole page was read; more may be waiting. */
  isFull: boolean
}

const pageSize = 200

/** The events after an id, as the view shows them. */
async function readViewedEvents(
  db: Db,
  orgId: string,
  types: readonly string[],
  view: EventView,
  afterId: string | null,
): Promise<ViewedEvents> {
  const read = await listEventsAfter(db, orgId, types, afterId, pageSize)
  const events: ViewedEvents['events'] = []
  for (const event of read) {
    const data = view(event)
    if (data !== null) events.push({ id: event.id, type: event.type, data })
  }
  return { events, lastId: read.at(-1)?.id ?? afterId, isFull: read.length === pageSize }
}

interface EventStreamOptions {
  db: Db
  orgId: string
  types: readonly string[]
  view: EventView
  /** Stream events after this id (the latest event when the stream opened, or Last-Event-ID). */
  start: string | null
  /** Resolves when the org commits an event, or after the timeout. */
  nextEvent(timeoutMs: number): Promise<void>
  /** How long to wait when a notification is lost. */
  fallbackMs: number
}

/**
 * Writes the viewed events until the client disconnects: reads the outbox each time the org commits
 * an event (or every `fallbackMs`), straight on while pages come back full, with a comment every 15 s
 * as a heartbeat so proxies keep the connection open.
 */
async function streamEvents(options: EventStreamOptions, stream: LiveStream): Promise<void> {
  const { db, orgId, types, view, nextEvent, fallbackMs } = options
  let last = options.start
  let isOpen = true
  void stream.closed.then(() => {
    isOpen = false
  })
  stream.write('retry: 2000\n\n')
  let heartbeatAt = Date.now()
  while (isOpen) {
    const { events, lastId, isFull } = await readViewedEvents(db, orgId, types, view, last)
    for (const event of events)
      stream.write(`id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`)
    last = lastId
    if (Date.now() - heartbeatAt >= 15_000) {
      stream.write(': still here\n\n')
      heartbeatAt = Date.now()
    }
    if (!isFull) await Promise.race([nextEvent(fallbackMs), stream.closed])
  }
}

/**
 * Opens a stream of one org's events as the view shows them, starting after `since` (Last-Event-ID)
 * or after the org's latest event. Settle who may follow it before: the start is read here, so a
 * refusal is still an ordinary problem answer; `run` then follows the outbox until the client goes.
 */
export async function openEventStream(
  db: Db,
  orgId: string,
  feed: { types: readonly string[]; view: EventView },
  since: string | null,
  signal: EventSignal,
  fallbackMs = 2000,
): Promise<{ run(stream: LiveStream): Promise<void> }> {
  const start = since ?? (await latestEventId(db, orgId))
  const nextEvent = (ms: number) => signal.wait(orgId, ms)
  return { run: (stream) => streamEvents({ db, orgId, ...feed, start, nextEvent, fallbackMs }, stream) }
}
