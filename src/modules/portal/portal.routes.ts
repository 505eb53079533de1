// Portal routes: the partner's live feed. Thin: parse, call, return.
import { z } from 'zod'
import { type App, scopeOf, sendEventStream } from '../../platform/http'
import type { ModuleDeps } from '../../platform/module'
import { cursor } from '../../platform/platform.contract'
import { openPortalStream } from './portal-live.service'

export function portalRoutes(app: App, deps: ModuleDeps) {
  const { db, eventSignal } = deps

  // GET /portal/live — what changed for the caller's partner, as server-sent events
  app.get(
    '/portal/live',
    {
      schema: {
        summary: 'The partner’s live feed (server-sent events)',
        description:
          'A text/event-stream of what changed for the calling partner user’s partner: credit.changed (their own credit lines only), commission.posted, tier.changed, health.changed and onboarding.completed, each with its outbox id. Partner users only; staff follow credit on /attribution/live. Reconnects resume from the Last-Event-ID header.',
        tags: ['portal'],
        headers: z.object({ 'last-event-id': cursor.optional() }),
      },
    },
    async (req, reply) => {
      const live = await openPortalStream(db, scopeOf(req), req.headers['last-event-id'] ?? null, eventSignal)
      await sendEventStream(req, reply, live.run)
    },
  )
}
