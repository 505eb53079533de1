// Files on a ticket's messages: uploaded by the side that wrote the message (10 MB at most, a type from
// the allow-list, the name made safe), kept in file storage under a key made of ids, and described in the
// database (name, type, size, SHA-256). A download checks the ticket is the caller's to see — a partner
// user only their own partner's, and never a file on an internal note.
import type { Readable } from 'node:stream'
import { and, count, eq } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { AppError, invalidField, notFound } from '../../../platform/app-error'
import { writeAudit } from '../../../platform/audit'
import type { Clock } from '../../../platform/clock'
import { actorLabel, type Scope } from '../../../platform/scope'
import type { FileStorage } from '../../../platform/storage'
import { programsPermissions } from '../programs.permissions'
import {
  type AttachmentView,
  attachmentContentTypes,
  maxAttachmentBytes,
  type UploadAttachmentInput,
} from './support.contract'
import { supportAttachments, supportIds, supportMessages, supportTickets } from './support.tables'
import { readTicket, toAttachmentView } from './support-reads'
import { allowedContentType, sanitizeFileName } from './support-rules'

export interface AttachmentDeps {
  clock: Clock
  files: FileStorage
}

/** Files one message may carry. */
export const maxAttachmentsPerMessage = 5

// a character class, not a repeated group: a 14 MB string must not recurse in the regex engine
const base64 = /^[A-Za-z0-9+/]*={0,2}$/

/** The bytes of a base64 body, refused when not base64, empty or past the limit. */
function decodeFile(contentBase64: string): Buffer {
  const compact = contentBase64.replace(/\s+/g, '')
  if (compact.length % 4 !== 0 || !base64.test(compact))
    throw invalidField('contentBase64', 'must be the file’s bytes in base64')
  const bytes = Buffer.from(compact, 'base64')
  if (bytes.length === 0) throw invalidField('contentBase64', 'the file is empty')
  if (bytes.length > maxAttachmentBytes)
    throw new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${maxAttachmentBytes} bytes (10 MB)`, [
      { path: 'contentBase64', message: `must be at most ${maxAttachmentBytes} bytes once decoded` },
    ])
  return bytes
}

export async function uploadAttachment(
  db: Db,
  scope: Scope,
  ticketId: string,
  messageId: string,
  input: UploadAttachmentInput,
  deps: AttachmentDeps,
): Promise<AttachmentView> {
  programsPermissions.require(scope, 'support.write')
  const contentType = allowedContentType(input.contentType)
  if (!contentType) throw invalidField('contentType', `must be one of ${attachmentContentTypes.join(', ')}`)
  const ticket = await readTicket(db, scope, ticketId)
  const [message] = await db
    .select()
    .from(supportMessages)
    .where(
      and(
        eq(supportMessages.orgId, scope.orgId),
        eq(supportMessages.ticketId, ticketId),
        eq(supportMessages.id, messageId),
      ),
    )
  // a partner user cannot learn of an internal note by attaching to it
  if (!message || (scope.partnerId && message.isInternal)) throw notFound('Message', messageId)
  if (message.author !== actorLabel(scope.actor))
    throw new AppError('FORBIDDEN', 'Files go on a message of your own')
  if (ticket.status === 'closed') throw new AppError('CONFLICT', 'The ticket is closed: open a new one')
  const bytes = decodeFile(input.contentBase64)
  const id = supportIds.attachment()
  const storageKey = `${scope.orgId.toLowerCase()}/support/${id}`
  const stored = await deps.files.put(storageKey, bytes, { maxBytes: maxAttachmentBytes })
  try {
    await db.transaction(async (tx) => {
      // the message's row is locked so two uploads at once cannot pass the count together
      await tx
        .select({ id: supportMessages.id })
        .from(supportMessages)
        .where(and(eq(supportMessages.orgId, scope.orgId), eq(supportMessages.id, messageId)))
        .for('update')
      const [{ n } = { n: 0 }] = await tx
        .select({ n: count() })
        .from(supportAttachments)
        .where(and(eq(supportAttachments.orgId, scope.orgId), eq(supportAttachments.messageId, messageId)))
      if (n >= maxAttachmentsPerMessage)
        throw new AppError('CONFLICT', `A message carries at most ${maxAttachmentsPerMessage} files`)
      await tx.insert(supportAttachments).values({
        orgId: scope.orgId,
        id,
        ticketId,
        messageId,
        name: sanitizeFileName(input.name),
        contentType,
        sizeBytes: stored.sizeBytes,
        sha256: stored.sha256,
        storageKey,
        uploadedBy: actorLabel(scope.actor),
        createdAt: deps.clock.now(),
      })
      await writeAudit(
        tx,
        scope,
        {
          action: 'ticket.attachment_added',
          entityType: 'ticket',
          entityId: ticketId,
          after: { attachmentId: id, messageId, sizeBytes: stored.sizeBytes, sha256: stored.sha256 },
        },
        deps.clock,
      )
    })
  } catch (error) {
    await deps.files.delete(storageKey)
    throw error
  }
  const [row] = await db
    .select()
    .from(supportAttachments)
    .where(and(eq(supportAttachments.orgId, scope.orgId), eq(supportAttachments.id, id)))
  return toAttachmentView(row!)
}

/** A file to send back: its description and its bytes as a stream. */
export async function downloadAttachment(
  db: Db,
  scope: Scope,
  id: string,
  deps: AttachmentDeps,
): Promise<{ name: string; contentType: string; sizeBytes: number; body: Readable }> {
  programsPermissions.require(scope, 'support.read')
  const [row] = await db
    .select({ file: supportAttachments, isInternal: supportMessages.isInternal })
    .from(supportAttachments)
    .innerJoin(
      supportTickets,
      and(
        eq(supportTickets.orgId, supportAttachments.orgId),
        eq(supportTickets.id, supportAttachments.ticketId),
      ),
    )
    .innerJoin(
      supportMessages,
      and(
        eq(supportMessages.orgId, supportAttachments.orgId),
        eq(supportMessages.id, supportAttachments.messageId),
      ),
    )
    .where(
      and(
        eq(supportAttachments.orgId, scope.orgId),
        eq(supportAttachments.id, id),
        scope.partnerId ? eq(supportTickets.partnerId, scope.partnerId) : undefined,
      ),
    )
  if (!row || (scope.partnerId && row.isInternal)) throw notFound('Attachment', id)
  return {
    name: row.file.name,
    contentType: row.file.contentType,
    sizeBytes: row.file.sizeBytes,
    body: await deps.files.get(row.file.storageKey),
  }
}
