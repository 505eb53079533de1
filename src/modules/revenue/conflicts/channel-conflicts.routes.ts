// Channel conflict routes: the accounts several partners are working, and staff's decision on each.
// Thin: parse, call, return.
import { z } from 'zod'
import { type App, scopeOf } from '../../../platform/http'
import type { ModuleDeps } from '../../../platform/module'
import { entityId } from '../../../platform/platform.contract'
import {
  channelConflictList,
  channelConflictView,
  conflictsQuery,
  decideConflictInput,
} from './channel-conflicts.contract'
import { decideChannelConflict, listChannelConflicts } from './channel-conflicts.service'

export function channelConflictRoutes(app: App, deps: ModuleDeps) {
  const tags = ['channel conflicts']
  const { db, clock } = deps

  app.get(
    '/channel-conflicts',
    {
      schema: {
        summary: 'Accounts several partners are working',
        description:
          'Accounts (or deals without one) whose open deals carry touches from two partners or more, with each partner’s touches as evidence — how many, first and last, which activities — and the decision in force. Open ones by default. Staff only.',
        tags,
        querystring: conflictsQuery,
        response: { 200: channelConflictList },
      },
    },
    (req) => listChannelConflicts(db, scopeOf(req), req.query),
  )

  app.post(
    '/channel-conflicts/:key/decision',
    {
      schema: {
        summary: 'Decide a channel conflict',
        description:
          'Names the partner who owns the account (one of those on it), or dismisses the conflict, with a note; audited and announced as channel_conflict.decided. The decision holds while the same partners are on the account.',
        tags,
        params: z.object({ key: entityId }),
        body: decideConflictInput,
        response: { 200: channelConflictView },
      },
    },
    (req) => decideChannelConflict(db, scopeOf(req), req.params.key, req.body, clock),
  )
}
