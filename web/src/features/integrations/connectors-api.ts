// CRM and billing connectors: connections (connect, settings, disconnect), sync runs with progress,
// the field mapping syncs apply, and what the providers' change notifications did.
import type {
  ConnectionView,
  Provider,
  SyncRunView,
} from '../../../../src/modules/integrations/connectors/connectors.contract'
import { http } from '../../ui/api-client'

export type InboundEvent = {
  eventId: string
  type: string
  outcome: 'queued' | 'applied' | 'ignored' | 'unmatched' | 'refused'
  detail: string | null
  dealId: string | null
  receivedAt: string
}

export type FieldSource = {
  column?: string
  template?: string
  constant?: string
  values?: Record<string, string>
}
export type ConnectorMapping = {
  kind: 'accounts' | 'deals' | 'touches'
  mapping: { fields: Record<string, FieldSource & { whenBlank?: FieldSource }> }
  isDefault: boolean
  columns: string[]
}

export const connectorsApi = {
  list: () =>
    http.get<{ items: ConnectionView[]; available: { provider: Provider; label: string }[] }>('/connections'),
  connect: (provider: Provider, body: unknown) => http.put<ConnectionView>(`/connections/${provider}`, body),
  disconnect: (provider: Provider) => http.delete(`/connections/${provider}`),
  sync: (provider: Provider, body: { dryRun?: boolean; full?: boolean }) =>
    http.post<SyncRunView>(`/connections/${provider}/syncs`, body),
  run: (id: string) => http.get<SyncRunView>(`/syncs/${id}`),
  mappings: (provider: Provider) =>
    http.get<{ items: ConnectorMapping[] }>(`/connections/${provider}/mappings`),
  saveMapping: (provider: Provider, kind: string, mapping: unknown) =>
    http.put<{ items: ConnectorMapping[] }>(`/connections/${provider}/mappings/${kind}`, mapping),
  events: (provider: Provider) => http.get<{ items: InboundEvent[] }>(`/connections/${provider}/events`),
}

export const connectorKeys = {
  all: ['connections'] as const,
  run: (id: string) => ['connections', 'run', id] as const,
  mappings: (provider: Provider) => ['connections', provider, 'mappings'] as const,
  events: (provider: Provider) => ['connections', provider, 'events'] as const,
}
