import { describe, expect, it } from 'vitest'
import type { TicketStatus } from './support.contract'
import {
  allowedContentType,
  attachmentDisposition,
  defaultSupportSettings,
  dueTimes,
  pauseChange,
  type SlaFacts,
  sanitizeFileName,
  slaOf,
  statusAfterReply,
} from './support-rules'

const opened = new Date('2026-06-01T09:00:00Z')
const at = (hours: number) => new Date(opened.getTime() + hours * 3_600_000)

/** A normal ticket: first reply due after 24 h, resolution after 120 h. */
const ticket = (facts: Partial<SlaFacts> = {}): SlaFacts => ({
  status: 'open',
  firstResponseAt: null,
  ...dueTimes(opened, 'normal', defaultSupportSettings),
  resolvedAt: null,
  pausedAt: null,
  pausedSeconds: 0,
  ...facts,
})

describe('dueTimes', () => {
  it.each([
    ['low', 48, 240],
    ['normal', 24, 120],
    ['high', 8, 48],
    ['urgent', 2, 24],
  ] as const)('counts a %s ticket’s targets (%i h, %i h) from its opening', (priority, first, resolution) => {
    expect(dueTimes(opened, priority, defaultSupportSettings)).toEqual({
      firstResponseDueAt: at(first),
      resolutionDueAt: at(resolution),
    })
  })
})

describe('dueTimes after a pause', () => {
  it('pushes the resolution back by the paused seconds, never the first response', () => {
    expect(dueTimes(opened, 'high', defaultSupportSettings, 5 * 3600)).toEqual({
      firstResponseDueAt: at(8),
      resolutionDueAt: at(53),
    })
  })
})

describe('pauseChange', () => {
  const running = { pausedAt: null, pausedSeconds: 0, resolutionDueAt: at(120) }
  const paused = { pausedAt: at(10), pausedSeconds: 3600, resolutionDueAt: at(121) }

  it.each([
    [
      'stops the clock when the ticket starts waiting on the partner',
      running,
      'pending_partner',
      { pausedAt: at(15) },
    ],
    ['leaves a paused clock paused while it still waits on the partner', paused, 'pending_partner', {}],
    ['leaves a running clock running between the team’s states', running, 'pending_vendor', {}],
    ['leaves a running clock alone when resolved', running, 'resolved', {}],
    [
      'pushes the due time back by the wait when the partner answers',
      paused,
      'pending_vendor',
      { pausedAt: null, pausedSeconds: 6 * 3600, resolutionDueAt: at(126) },
    ],
    [
      'counts the wait when a waiting ticket is resolved',
      paused,
      'resolved',
      { pausedAt: null, pausedSeconds: 6 * 3600, resolutionDueAt: at(126) },
    ],
  ] as const)('%s', (_label, facts, to, change) => {
    expect(pauseChange(facts, to, at(15))).toEqual(change)
  })
})

describe('slaOf while waiting on the partner', () => {
  /** Answered in time, waiting on the partner since hour 100 (20 h of the 120 h left). */
  const waiting = ticket({ status: 'pending_partner', firstResponseAt: at(3), pausedAt: at(100) })

  it.each([101, 119, 125, 500])(
    'freezes the resolution clock at hour %i: not breached, not due soon',
    (hours) => {
      const sla = slaOf(waiting, at(hours), defaultSupportSettings.warnHours)
      expect(sla).toMatchObject({
        state: 'on_track',
        isPaused: true,
        pausedMinutes: (hours - 100) * 60,
        resolution: { isBreached: false, remainingMinutes: 20 * 60, doneAt: null },
      })
    },
  )

  it('is not due soon when it stopped within the warning hours', () => {
    const sla = slaOf({ ...waiting, pausedAt: at(118) }, at(150), 4)
    expect(sla.state).toBe('on_track')
    expect(sla.resolution.remainingMinutes).toBe(120)
  })

  it('stays breached when the resolution was overdue before the wait', () => {
    const sla = slaOf({ ...waiting, pausedAt: at(125) }, at(200), 4)
    expect(sla).toMatchObject({ state: 'breached', resolution: { isBreached: true, remainingMinutes: -300 } })
  })

  it('keeps the first response running: it is about the team’s first answer', () => {
    const unanswered = ticket({ status: 'pending_partner', pausedAt: at(1) })
    expect(slaOf(unanswered, at(21), 4).state).toBe('due_soon')
    expect(slaOf(unanswered, at(25), 4)).toMatchObject({
      state: 'breached',
      firstResponse: { isBreached: true },
      resolution: { isBreached: false, remainingMinutes: 119 * 60 },
    })
  })

  it('runs again after the wait, with the due time pushed back and the wait explained', () => {
    const resumed = ticket({
      status: 'pending_vendor',
      firstResponseAt: at(3),
      pausedSeconds: 30 * 3600,
      resolutionDueAt: at(150),
    })
    const sla = slaOf(resumed, at(140), 4)
    expect(sla).toMatchObject({ state: 'on_track', isPaused: false, pausedMinutes: 30 * 60 })
    expect(sla.resolution.remainingMinutes).toBe(10 * 60)
    expect(slaOf(resumed, at(147), 4).state).toBe('due_soon')
  })
})

describe('slaOf', () => {
  it.each([
    ['on track when both due times are far', ticket(), 1, 'on_track', 23 * 60, 119 * 60],
    ['due soon within the warning hours of the first reply', ticket(), 20.5, 'due_soon', 210, 99 * 60 + 30],
    ['breached once the first reply is overdue', ticket(), 25, 'breached', -60, 95 * 60],
    [
      'on track after a first reply in time, however late it is now',
      ticket({ status: 'pending_partner', firstResponseAt: at(3) }),
      30,
      'on_track',
      null,
      90 * 60,
    ],
    [
      'due soon before the resolution is due',
      ticket({ status: 'pending_vendor', firstResponseAt: at(3) }),
      117,
      'due_soon',
      null,
      180,
    ],
    [
      'breached when the first reply came late, even after it',
      ticket({ status: 'pending_partner', firstResponseAt: at(30) }),
      31,
      'breached',
      null,
      89 * 60,
    ],
    [
      'met when resolved in time',
      ticket({ status: 'resolved', firstResponseAt: at(2), resolvedAt: at(50) }),
      500,
      'met',
      null,
      null,
    ],
    [
      'breached for good when resolved late',
      ticket({ status: 'closed', firstResponseAt: at(2), resolvedAt: at(130) }),
      500,
      'breached',
      null,
      null,
    ],
    [
      'met when resolved in time without any reply',
      ticket({ status: 'resolved', resolvedAt: at(5) }),
      100,
      'met',
      null,
      null,
    ],
  ] as const)('is %s', (_label, facts, hoursLater, state, firstLeft, resolutionLeft) => {
    const sla = slaOf(facts, at(hoursLater), defaultSupportSettings.warnHours)
    expect(sla.state).toBe(state)
    expect(sla.firstResponse.remainingMinutes).toBe(firstLeft)
    expect(sla.resolution.remainingMinutes).toBe(resolutionLeft)
  })

  it('warns only within the org’s warning hours', () => {
    expect(slaOf(ticket(), at(14), 10).state).toBe('due_soon')
    expect(slaOf(ticket(), at(14), 4).state).toBe('on_track')
    expect(slaOf(ticket(), at(24), 0).state).toBe('due_soon')
  })
})

describe('statusAfterReply', () => {
  it.each([
    ['open', 'partner', 'open'],
    ['pending_partner', 'partner', 'pending_vendor'],
    ['pending_vendor', 'partner', 'pending_vendor'],
    ['resolved', 'partner', 'pending_vendor'],
    ['open', 'staff', 'pending_partner'],
    ['pending_vendor', 'staff', 'pending_partner'],
    ['resolved', 'staff', 'resolved'],
  ] as const)('moves a %s ticket on a %s reply to %s', (from, side, to) => {
    expect(statusAfterReply(from as TicketStatus, side)).toBe(to)
  })
})

describe('file names and types', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['C:\\Users\\me\\report.pdf', 'report.pdf'],
    ['quote"; evil=1.pdf', 'quote evil=1.pdf'],
    ['  ..hidden  ', 'hidden'],
    ['line\nbreak\u0000.txt', 'linebreak.txt'],
    ['', 'file'],
    ['...', 'file'],
    ['Angebot für Kunde.pdf', 'Angebot für Kunde.pdf'],
  ])('makes %j safe as %j', (name, safe) => {
    expect(sanitizeFileName(name)).toBe(safe)
  })

  it('keeps the extension when it shortens a long name', () => {
    const safe = sanitizeFileName(`${'a'.repeat(300)}.xlsx`)
    expect(safe).toHaveLength(120)
    expect(safe.endsWith('.xlsx')).toBe(true)
  })

  it.each([
    ['application/pdf', 'application/pdf'],
    ['Image/PNG', 'image/png'],
    ['text/plain; charset=utf-8', 'text/plain'],
    ['text/html', null],
    ['image/svg+xml', null],
    ['application/x-msdownload', null],
  ])('takes %j as %j', (type, allowed) => {
    expect(allowedContentType(type)).toBe(allowed)
  })

  it('sends an ASCII stand-in and the exact UTF-8 name', () => {
    expect(attachmentDisposition('Angebot für Kunde.pdf')).toBe(
      `attachment; filename="Angebot f_r Kunde.pdf"; filename*=UTF-8''Angebot%20f%C3%BCr%20Kunde.pdf`,
    )
  })
})
