// Integrations: outbound webhooks — endpoints orgs subscribe to their events, signed deliveries with
// retries, the delivery log and replay. May import: identity, partners, journeys, credits, incentives,
// programs, revenue, portal, attribution, money, platform, db/client.
import type { ModuleDeps, ModuleDescriptor } from '../../platform/module'
import { integrationsPermissions } from './integrations.permissions'
import { deliverDueWebhooks, pruneDeliveries, webhookSubscriber } from './webhooks/webhook-deliveries.service'
import { webhooksRoutes } from './webhooks/webhooks.routes'
import { webhookDepsOf } from './webhooks/webhooks.service'
import { webhookIds } from './webhooks/webhooks.tables'

export { webhookOpenApi } from './webhooks/webhook-events'
export { verifySignature } from './webhooks/webhook-signature'
export { integrationsPermissions }

export const integrationsModule: ModuleDescriptor = {
  name: 'integrations',
  routes: webhooksRoutes,
  subscribers: (deps: ModuleDeps) => [webhookSubscriber(deps.clock)],
  loops: [
    {
      // due deliveries (new, retried, replayed) go out within a quarter of a second
      name: 'webhooks.deliver',
      everyMs: 250,
      run: async (deps) => {
        await deliverDueWebhooks(deps.db, webhookDepsOf(deps))
      },
    },
  ],
  jobs: [
    {
      // the delivery log keeps 30 days, as the event outbox does
      name: 'webhooks.prune',
      cron: '27 3 * * *',
      run: async (deps) => {
        await pruneDeliveries(deps.db, deps.clock.now())
      },
    },
  ],
  permissions: integrationsPermissions.table,
  idPrefixes: webhookIds.prefixes,
}
