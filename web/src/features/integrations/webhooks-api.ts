// Webhooks: the event catalogue, endpoints (subscribe, change, rotate the secret, test, remove) and the
// delivery log with replay.
import type {
  CreateEndpointInput,
  DeliveryStatus,
  DeliveryView,
  EndpointView,
  EventTypeList,
  UpdateEndpointInput,
} from '../../../../src/modules/integrations/webhooks/webhooks.contract'
import type { Page } from '../../../../src/platform/platform.contract'
import { http } from '../../ui/api-client'

export type DeliveryFilters = { endpointId?: string; status?: DeliveryStatus }

export const webhooksApi = {
  eventTypes: () => http.get<EventTypeList>('/webhooks/event-types'),
  endpoints: () => http.get<{ items: EndpointView[] }>('/webhooks/endpoints'),
  create: (input: CreateEndpointInput) => http.post<EndpointView>('/webhooks/endpoints', input),
  update: (id: string, input: UpdateEndpointInput) =>
    http.patch<EndpointView>(`/webhooks/endpoints/${id}`, input),
  remove: (id: string) => http.delete(`/webhooks/endpoints/${id}`),
  rotate: (id: string) => http.post<EndpointView>(`/webhooks/endpoints/${id}/rotate-secret`),
  ping: (id: string) => http.post<DeliveryView>(`/webhooks/endpoints/${id}/ping`),
  deliveries: (filters: DeliveryFilters, cursor?: string | null) =>
    http.get<Page<DeliveryView>>('/webhooks/deliveries', { ...filters, cursor, limit: 50 }),
  replay: (id: string) => http.post<DeliveryView>(`/webhooks/deliveries/${id}/replay`),
}

export const webhookKeys = {
  all: ['webhooks'] as const,
  eventTypes: ['webhooks', 'event-types'] as const,
  endpoints: ['webhooks', 'endpoints'] as const,
  deliveries: (filters: DeliveryFilters) => ['webhooks', 'deliveries', filters] as const,
}
