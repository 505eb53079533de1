// Outgoing mail: queued in the caller's transaction, sent by SMTP when configured, listed otherwise.
import { and, asc, desc, eq } from 'drizzle-orm'
import type { Transporter } from 'nodemailer'
import type { Db } from '../db/client'
import type { Clock } from './clock'
import { platformIds } from './ids'
import { mailOutbox } from './platform.tables'

export interface MailMessage {
  to: string
  subject: string
  text: string
}

export async function queueMail(tx: Db, orgId: string, message: MailMessage, clock: Clock): Promise<string> {
  const id = platformIds.mail()
  await tx.insert(mailOutbox).values({ id, orgId, ...message, status: 'pending', createdAt: clock.now() })
  return id
}

/** Sends pending mail through the transport; a failure is kept with its error and retried up to 5 times. */
export async function sendPendingMail(
  db: Db,
  transport: Transporter,
  from: string,
  clock: Clock,
): Promise<number> {
  const pending = await db
    .select()
    .from(mailOutbox)
    .where(eq(mailOutbox.status, 'pending'))
    .orderBy(asc(mailOutbox.id))
    .limit(50)
  let sent = 0
  for (const mail of pending) {
    try {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text })
      await db
        .update(mailOutbox)
        .set({ status: 'sent', sentAt: clock.now(), attempts: mail.attempts + 1 })
        .where(eq(mailOutbox.id, mail.id))
      sent++
    } catch (error) {
      const attempts = mail.attempts + 1
      await db
        .update(mailOutbox)
        .set({ attempts, lastError: (error as Error).message, status: attempts >= 5 ? 'failed' : 'pending' })
        .where(eq(mailOutbox.id, mail.id))
    }
  }
  return sent
}

export async function listMail(db: Db, orgId: string, to?: string) {
  const rows = await db
    .select()
    .from(mailOutbox)
    .where(to ? and(eq(mailOutbox.orgId, orgId), eq(mailOutbox.to, to)) : eq(mailOutbox.orgId, orgId))
    .orderBy(desc(mailOutbox.id))
    .limit(100)
  return rows.map((m) => ({
    id: m.id,
    to: m.to,
    subject: m.subject,
    text: m.text,
    status: m.status,
    createdAt: m.createdAt.toISOString(),
  }))
}
