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

/** How an org's mail is dressed (its white label): sender name, colour, logo, and its portal's links. */
export interface MailBrand {
  name: string
  color: string | null
  logoUrl: string | null
  /** Links to the platform's address (`from`, an origin) go to the org's portal domain (`to`) instead. */
  links: { from: string; to: string } | null
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

/**
 * A queued message as sent: plain, or in the org's brand — its name before the sender's address, its
 * portal's links, and an HTML part with its logo and colour beside the text (links made clickable).
 */
export function renderMail(
  mail: { to: string; subject: string; text: string },
  from: string,
  brand: MailBrand | null,
): { from: string; to: string; subject: string; text: string; html?: string } {
  if (!brand) return { from, to: mail.to, subject: mail.subject, text: mail.text }
  const address = from.match(/<([^>]+)>/)?.[1] ?? from.trim()
  const text = brand.links ? mail.text.split(brand.links.from).join(brand.links.to) : mail.text
  const color = brand.color ?? '#1f6feb'
  const body = escapeHtml(text)
    .replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}" style="color:${color}">${url}</a>`)
    .replace(/\n/g, '<br>')
  const logo = brand.logoUrl
    ? `<img src="${escapeHtml(brand.logoUrl)}" alt="${escapeHtml(brand.name)}" style="max-height:40px">`
    : `<strong style="font-size:18px;color:${color}">${escapeHtml(brand.name)}</strong>`
  const html = `<!doctype html><html><body style="margin:0;font-family:sans-serif;color:#1a1b1e"><div style="border-top:4px solid ${color};padding:16px 24px">${logo}</div><div style="padding:8px 24px 24px;line-height:1.5">${body}</div></body></html>`
  return {
    from: `"${brand.name.replace(/["\\]/g, '')}" <${address}>`,
    to: mail.to,
    subject: mail.subject,
    text,
    html,
  }
}

/**
 * Sends pending mail through the transport, each in its org's brand when `brandOf` gives one; a failure
 * is kept with its error and retried up to 5 times.
 */
export async function sendPendingMail(
  db: Db,
  transport: Transporter,
  from: string,
  clock: Clock,
  brandOf: (orgId: string) => Promise<MailBrand | null> = async () => null,
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
      await transport.sendMail(renderMail(mail, from, await brandOf(mail.orgId)))
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
