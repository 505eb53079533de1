// Integrations: outbound webhooks (endpoints orgs subscribe to their events, signed deliveries with
// retries, the delivery log and replay) and the CRM and billing connectors (connections, sync runs,
// field mapping, providers' change notifications). May import: identity, partners, journeys, credits,
// incentives, programs, revenue, portal, attribution, money, platform, db/client.
import { subscribeTo } from '../../platform/events'
import type { ModuleDeps, ModuleDescriptor } from '../../platform/module'
import { connectorDepsOf } from './connectors/connections.service'
import { connectorEvents } from './connectors/connectors.events'
import { connectorsRoutes } from './connectors/connectors.routes'
import { connectorIds } from './connectors/connectors.tables'
import { syncAttempts, syncJob } from './connectors/sync-queue'
import { queueScheduledSyncs, runStaleSyncs, runSync, scheduledSyncJob } from './connectors/sync-runs.service'
import { integrationsPermissions } from './integrations.permissions'
import { deliverDueWebhooks, pruneDeliveries, webhookSubscriber } from './webhooks/webhook-deliveries.service'
import { webhooksRoutes } from './webhooks/webhooks.routes'
import { webhookDepsOf } from './webhooks/webhooks.service'
import { webhookIds } from './webhooks/webhooks.tables'

export { webhookOpenApi } from './webhooks/webhook-events'
export { verifySignature } from './webhooks/webhook-signature'
export { connectorEvents, integrationsPermissions }

export const integrationsModule: ModuleDescriptor = {
  name: 'integrations',
  routes(app, deps) {
    webhooksRoutes(app, deps)
    connectorsRoutes(app, deps)
  },
  subscribers: (deps: ModuleDeps) => [
    webhookSubscriber(deps.clock),
    subscribeTo(
      connectorEvents,
      'integrations.sync',
      ['connection.sync_requested'],
      async (event, context) => {
        context.sendJobAfterCommit(syncJob, { orgId: context.scope.orgId, runId: event.payload.runId })
      },
    ),
  ],
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
    {
      name: syncJob,
      // a run that failed for a passing cause (the provider down, a lost connection) is queued again
      retry: { limit: syncAttempts - 1, delaySeconds: 60 },
      run: async (deps, data) => {
        await runSync(deps.db, String(data.orgId), String(data.runId), connectorDepsOf(deps))
      },
    },
    {
      // every connected provider syncs what changed at least every 15 minutes; lost runs are picked up
      name: scheduledSyncJob,
      cron: '*/15 * * * *',
      run: async (deps) => {
        await runStaleSyncs(deps.db, connectorDepsOf(deps))
        await queueScheduledSyncs(deps.db, deps.clock)
      },
    },
  ],
  permissions: integrationsPermissions.table,
  idPrefixes: { ...webhookIds.prefixes, ...connectorIds.prefixes },
  events: connectorEvents.types,
}
