// Mail about a ticket, through the outbox in the caller's transaction: to the partner team (the
// assignee, or the team's address when nobody owns it) and to the partner (whoever opened it, or the
// partner's admins when staff did). Internal notes are never mailed.
import type { Db } from '../../../db/client'
import type { Clock } from '../../../platform/clock'
import { queueMail } from '../../../platform/mail'
import { findPartnerAdmins, findUserEmail } from '../../identity'
import type { TicketRow } from './support-reads'
import { readSupportSettings } from './support-settings.service'

export interface SupportDeps {
  clock: Clock
  /** Base URL for links in mail. */
  publicUrl: string
}

/** Mail to the partner team: the assignee, or the team's address when nobody owns the ticket. */
export async function mailStaff(tx: Db, ticket: TicketRow, subject: string, text: string, deps: SupportDeps) {
  const to = ticket.assigneeId
    ? await findUserEmail(tx, ticket.orgId, ticket.assigneeId)
    : (await readSupportSettings(tx, ticket.orgId)).teamEmail
  if (!to) return
  const link = `${deps.publicUrl}/support/${ticket.id}`
  await queueMail(tx, ticket.orgId, { to, subject, text: `${text}\n\nThe ticket: ${link}` }, deps.clock)
}

/** Mail to the partner: whoever opened the ticket, or the partner's admins when staff opened it. */
export async function mailPartner(
  tx: Db,
  ticket: TicketRow,
  subject: string,
  text: string,
  deps: SupportDeps,
) {
  const opener = ticket.openedByUserId ? await findUserEmail(tx, ticket.orgId, ticket.openedByUserId) : null
  const recipients = opener
    ? [opener]
    : ((await findPartnerAdmins(tx, ticket.orgId, [ticket.partnerId])).get(ticket.partnerId) ?? []).map(
        (a) => a.email,
      )
  const link = `${deps.publicUrl}/portal/support/${ticket.id}`
  for (const to of recipients)
    await queueMail(tx, ticket.orgId, { to, subject, text: `${text}\n\nYour ticket: ${link}` }, deps.clock)
}

export const excerpt = (text: string) => (text.length > 2000 ? `${text.slice(0, 2000)}…` : text)
