// Support tickets: the inbox page by page with its filters and counts, a ticket with its thread, opening,
// replying, internal notes, moving a ticket, files on messages, and the SLA settings.

import type { MeView, Role } from '../../../../src/modules/identity/identity.contract'
import type {
  AttachmentView,
  OpenTicketInput,
  SupportSettings,
  SupportSettingsView,
  TicketCountsView,
  TicketListQuery,
  TicketSummaryView,
  TicketView,
  UpdateTicketInput,
} from '../../../../src/modules/programs/support/support.contract'
import type { Page } from '../../../../src/platform/platform.contract'
import { http } from '../../ui/api-client'

export type TicketFilters = Partial<Pick<TicketListQuery, 'status' | 'priority' | 'assigneeId' | 'sla'>>

export const supportApi = {
  list: (filters: TicketFilters, cursor: string | null, limit = 50) =>
    http.get<Page<TicketSummaryView>>('/programs/support/tickets', { ...filters, cursor, limit }),
  counts: () => http.get<TicketCountsView>('/programs/support/tickets/counts'),
  get: (id: string) => http.get<TicketView>(`/programs/support/tickets/${id}`),
  open: (input: OpenTicketInput) => http.post<TicketView>('/programs/support/tickets', input),
  reply: (id: string, message: string) =>
    http.post<TicketView>(`/programs/support/tickets/${id}/messages`, { message }),
  note: (id: string, message: string) =>
    http.post<TicketView>(`/programs/support/tickets/${id}/notes`, { message }),
  update: (id: string, input: UpdateTicketInput) =>
    http.patch<TicketView>(`/programs/support/tickets/${id}`, input),
  attach: async (ticketId: string, messageId: string, file: File) =>
    http.post<AttachmentView>(`/programs/support/tickets/${ticketId}/messages/${messageId}/attachments`, {
      name: file.name,
      contentType: file.type || 'application/octet-stream',
      contentBase64: await base64Of(file),
    }),
  downloadUrl: (attachmentId: string) => `/api/v1/programs/support/attachments/${attachmentId}`,
  settings: () => http.get<SupportSettingsView>('/programs/support/settings'),
  saveSettings: (settings: SupportSettings) =>
    http.put<SupportSettingsView>('/programs/support/settings', settings),
}

export const supportKeys = {
  all: ['support'] as const,
  list: (filters: TicketFilters) => ['support', 'list', filters] as const,
  counts: ['support', 'counts'] as const,
  ticket: (id: string) => ['support', 'ticket', id] as const,
  settings: ['support', 'settings'] as const,
}

const supportManagers: readonly Role[] = ['owner', 'admin', 'partner_manager']

/** The SLA settings, and opening a ticket for a partner, are for these roles (the server checks again). */
export const canManageSupport = (me: MeView): boolean => supportManagers.includes(me.user.role)

/** A file's bytes as base64, without the data-URL prefix. */
function base64Of(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''))
    reader.onerror = () => reject(reader.error ?? new Error(`Could not read ${file.name}`))
    reader.readAsDataURL(file)
  })
}

/** 10 MB, as the server allows. */
export const maxFileBytes = 10 * 1024 * 1024
