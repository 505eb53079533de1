// Dispute routes: open, read, add to the thread, close. Thin: parse, call, return.
import { type App, scopeOf } from '../../../platform/http'
import type { ModuleDeps } from '../../../platform/module'
import { idempotencyKeyHeader, idParam } from '../../../platform/platform.contract'
import {
  disputeList,
  disputeMessageInput,
  disputeQuery,
  disputeView,
  openDisputeInput,
  resolveDisputeInput,
} from './disputes.contract'
import { addDisputeMessage, getDispute, listDisputes, openDispute, resolveDispute } from './disputes.service'

export function disputesRoutes(app: App, deps: ModuleDeps) {
  const tags = ['disputes']
  const { db, clock } = deps

  app.get(
    '/incentives/disputes',
    {
      schema: {
        summary: 'Commission disputes',
        description:
          'Open disputes first, by when their answer is due (overdue ones say so), then the closed ones. A partner user sees their own.',
        tags,
        querystring: disputeQuery,
        response: { 200: disputeList },
      },
    },
    (req) => listDisputes(db, scopeOf(req), req.query, clock),
  )

  app.post(
    '/incentives/disputes',
    {
      schema: {
        summary: 'Dispute a commission line or a deal',
        description:
          'A partner flags one of their lines, or a deal they believe they touched, with a message and links to evidence. The line is held from payouts until the dispute is closed.',
        tags,
        body: openDisputeInput,
        response: { 201: disputeView },
      },
    },
    async (req, reply) => reply.code(201).send(await openDispute(db, scopeOf(req), req.body, clock)),
  )

  app.get(
    '/incentives/disputes/:id',
    {
      schema: {
        summary: 'A dispute with its thread',
        description: 'Every message from both sides with its evidence, and how the dispute was closed.',
        tags,
        params: idParam,
        response: { 200: disputeView },
      },
    },
    (req) => getDispute(db, scopeOf(req), req.params.id, clock),
  )

  app.post(
    '/incentives/disputes/:id/messages',
    {
      schema: {
        summary: 'Add to a dispute’s thread',
        description: 'The partner or finance adds a message and evidence links while the dispute is open.',
        tags,
        params: idParam,
        body: disputeMessageInput,
        response: { 200: disputeView },
      },
    },
    (req) => addDisputeMessage(db, scopeOf(req), req.params.id, req.body, clock),
  )

  app.post(
    '/incentives/disputes/:id/resolve',
    {
      schema: {
        summary: 'Close a dispute',
        description:
          'Finance adjusts (an entry of its own in the ledger), resolves (the credit was put right at its source) or denies, with the reason. Honours Idempotency-Key.',
        tags,
        params: idParam,
        headers: idempotencyKeyHeader,
        body: resolveDisputeInput,
        response: { 200: disputeView },
      },
    },
    (req) =>
      resolveDispute(
        db,
        scopeOf(req),
        req.params.id,
        req.body,
        req.headers['idempotency-key'] ?? null,
        clock,
      ),
  )
}
