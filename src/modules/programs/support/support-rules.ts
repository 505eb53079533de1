// The rules of support tickets, without a database: the default SLA targets, a ticket's due times from
// its opening and priority, the resolution clock that stands still while the ticket waits on the partner,
// its SLA standing at a given moment, where a reply moves it, and a file's name and type made safe.
import type {
  SlaState,
  SupportSettings,
  TicketPriority,
  TicketSlaView,
  TicketStatus,
} from './support.contract'
import { activeTicketStatuses, attachmentContentTypes } from './support.contract'

const hour = 3_600_000
const minute = 60_000

export const defaultSupportSettings: SupportSettings = {
  targets: {
    low: { firstResponseHours: 48, resolutionHours: 240 },
    normal: { firstResponseHours: 24, resolutionHours: 120 },
    high: { firstResponseHours: 8, resolutionHours: 48 },
    urgent: { firstResponseHours: 2, resolutionHours: 24 },
  },
  warnHours: 4,
  teamEmail: null,
}

/**
 * When the first reply and the resolution fall due, counted in wall-clock hours from the opening; the
 * resolution also moves back by the finished stretches spent waiting on the partner.
 */
export function dueTimes(
  openedAt: Date,
  priority: TicketPriority,
  settings: SupportSettings,
  pausedSeconds = 0,
): { firstResponseDueAt: Date; resolutionDueAt: Date } {
  const target = settings.targets[priority]
  return {
    firstResponseDueAt: new Date(openedAt.getTime() + target.firstResponseHours * hour),
    resolutionDueAt: new Date(openedAt.getTime() + target.resolutionHours * hour + pausedSeconds * 1000),
  }
}

/** The status in which the resolution clock stands still: the ticket waits on the partner. */
export const pausingStatus: TicketStatus = 'pending_partner'

export interface PauseFacts {
  pausedAt: Date | null
  pausedSeconds: number
  resolutionDueAt: Date
}

/**
 * How a move to `to` at `now` changes the resolution clock. Entering pending_partner stops it (from
 * `now`); leaving it pushes the resolution due time back by the whole seconds it stood still, adds them
 * to the paused total and starts it again. Any other move leaves it as it is. The first response never
 * pauses: it is about the partner team's first answer.
 */
export function pauseChange(ticket: PauseFacts, to: TicketStatus, now: Date): Partial<PauseFacts> {
  const isPausing = to === pausingStatus
  if (isPausing && ticket.pausedAt === null) return { pausedAt: now }
  if (!isPausing && ticket.pausedAt !== null) {
    const seconds = Math.max(0, Math.round((now.getTime() - ticket.pausedAt.getTime()) / 1000))
    return {
      pausedAt: null,
      pausedSeconds: ticket.pausedSeconds + seconds,
      resolutionDueAt: new Date(ticket.resolutionDueAt.getTime() + seconds * 1000),
    }
  }
  return {}
}

export const isActiveStatus = (status: TicketStatus): boolean =>
  (activeTicketStatuses as readonly string[]).includes(status)

export interface SlaFacts {
  status: TicketStatus
  firstResponseAt: Date | null
  firstResponseDueAt: Date
  resolutionDueAt: Date
  /** When it left the active states; null while active. */
  resolvedAt: Date | null
  /** Since when the resolution clock stands still (waiting on the partner); null while it runs. */
  pausedAt: Date | null
  /** The finished stretches it stood still, already added to resolutionDueAt. */
  pausedSeconds: number
}

/** A clock at `now`; `frozenAt` is where a paused clock stopped, which time passing does not move. */
function clockOf(dueAt: Date, doneAt: Date | null, now: Date, frozenAt: Date | null = null) {
  const at = frozenAt ?? now
  return {
    dueAt: dueAt.toISOString(),
    doneAt: doneAt?.toISOString() ?? null,
    isBreached: (doneAt ?? at) > dueAt,
    remainingMinutes: doneAt ? null : Math.floor((dueAt.getTime() - at.getTime()) / minute),
  }
}

/**
 * A ticket's SLA at `now`. The first response is met by the first reply staff send the partner (or by
 * resolving the ticket without one); the resolution by resolving or closing it. Either one passed unmet
 * — now or back then — is a breach. While the ticket waits on the partner the resolution clock is paused:
 * its minutes left stay where they were when it stopped, and time passing neither breaches it nor makes
 * it due soon. An active ticket whose next running due time is within `warnHours` is due soon.
 */
export function slaOf(ticket: SlaFacts, now: Date, warnHours: number): TicketSlaView {
  const isPaused = ticket.pausedAt !== null && ticket.resolvedAt === null
  const firstResponse = clockOf(ticket.firstResponseDueAt, ticket.firstResponseAt ?? ticket.resolvedAt, now)
  const resolution = clockOf(
    ticket.resolutionDueAt,
    ticket.resolvedAt,
    now,
    isPaused ? ticket.pausedAt : null,
  )
  const pausedSoFar = isPaused ? Math.max(0, now.getTime() - ticket.pausedAt!.getTime()) : 0
  const pausedMinutes = Math.floor((ticket.pausedSeconds * 1000 + pausedSoFar) / minute)
  let state: SlaState
  if (firstResponse.isBreached || resolution.isBreached) state = 'breached'
  else if (!isActiveStatus(ticket.status)) state = 'met'
  else {
    const running = [firstResponse, ...(isPaused ? [] : [resolution])].filter(
      (c) => c.remainingMinutes !== null,
    )
    const soonest = Math.min(...running.map((c) => c.remainingMinutes!))
    state = soonest <= warnHours * 60 ? 'due_soon' : 'on_track'
  }
  return { state, isPaused, pausedMinutes, firstResponse, resolution }
}

/**
 * Where a reply moves a ticket. A partner's reply puts it back with the partner team (and reopens a
 * resolved one); a new, unanswered ticket stays open. A staff reply waits on the partner, except on a
 * resolved ticket, which a follow-up does not reopen. A closed ticket takes no replies (the caller refuses).
 */
export function statusAfterReply(status: TicketStatus, side: 'partner' | 'staff'): TicketStatus {
  if (side === 'partner') return status === 'open' ? 'open' : 'pending_vendor'
  return status === 'resolved' ? 'resolved' : 'pending_partner'
}

/**
 * A file name safe to keep and to send back in a Content-Disposition header: the last path part only,
 * no control characters, quotes or separators, at most 120 characters (keeping the extension).
 */
export function sanitizeFileName(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? ''
  const cleaned = last
    .normalize('NFC')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to remove them
    .replace(/[\u0000-\u001f\u007f"<>:|?*;%]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '')
  if (cleaned === '') return 'file'
  if (cleaned.length <= 120) return cleaned
  const dot = cleaned.lastIndexOf('.')
  const extension = dot > 0 && cleaned.length - dot <= 10 ? cleaned.slice(dot) : ''
  return cleaned.slice(0, 120 - extension.length) + extension
}

/** The content type, lower-cased without parameters, when it is one the org accepts; otherwise null. */
export function allowedContentType(contentType: string): string | null {
  const bare = contentType.split(';')[0]!.trim().toLowerCase()
  return (attachmentContentTypes as readonly string[]).includes(bare) ? bare : null
}

/** The filename parameters of a Content-Disposition header: an ASCII stand-in and the exact UTF-8 name. */
export function attachmentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`
}
