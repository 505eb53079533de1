// Payout routes: where a partner is paid, batches (create with an Idempotency-Key, approve, execute,
// mark paid), and the bank file. Thin: parse, call, return.
import { type App, scopeOf } from '../../../platform/http'
import type { ModuleDeps } from '../../../platform/module'
import { idempotencyKeyHeader, idParam } from '../../../platform/platform.contract'
import { batchFile } from './batch-file.service'
import { getPayoutAccount, setPayoutAccount } from './payout-accounts.service'
import {
  batchList,
  batchView,
  createBatchInput,
  markPaidInput,
  payoutAccountInput,
  payoutAccountView,
  releaseFailedInput,
} from './payouts.contract'
import {
  approveBatch,
  createBatch,
  executeBatch,
  getBatch,
  listBatches,
  markBatchPaid,
  releaseFailedPayouts,
} from './payouts.service'

export function payoutsRoutes(app: App, deps: ModuleDeps) {
  const tags = ['payouts']
  const { db, clock } = deps

  app.get(
    '/partners/:id/payout-account',
    {
      schema: {
        summary: 'Where a partner is paid',
        description: 'Bank details show only their last four characters.',
        tags,
        params: idParam,
        response: { 200: payoutAccountView },
      },
    },
    (req) => getPayoutAccount(db, scopeOf(req), req.params.id),
  )

  app.put(
    '/partners/:id/payout-account',
    {
      schema: {
        summary: 'Set where a partner is paid',
        description:
          'A Stripe connected account, or bank details (IBAN checked) for the bank file. Partner admins set their own; finance any.',
        tags,
        params: idParam,
        body: payoutAccountInput,
        response: { 200: payoutAccountView },
      },
    },
    (req) => setPayoutAccount(db, scopeOf(req), req.params.id, req.body, clock),
  )

  app.get(
    '/payout-batches',
    {
      schema: {
        summary: 'Payout batches',
        description: 'The org’s last 50 batches, newest first, with totals per currency.',
        tags,
        response: { 200: batchList },
      },
    },
    (req) => listBatches(db, scopeOf(req)),
  )

  app.post(
    '/payout-batches',
    {
      schema: {
        summary: 'Create a payout batch',
        description:
          'Everything payable up to periodTo (approved lines past their hold, not in another batch), one payout per partner and currency. Partners without a payout account, owed nothing or under the minimum are held back with the reason. Honours Idempotency-Key.',
        tags,
        headers: idempotencyKeyHeader,
        body: createBatchInput,
        response: { 201: batchView },
      },
    },
    async (req, reply) =>
      reply
        .code(201)
        .send(await createBatch(db, scopeOf(req), req.body, req.headers['idempotency-key'] ?? null, clock)),
  )

  app.get(
    '/payout-batches/:id',
    {
      schema: {
        summary: 'A payout batch with its payouts',
        description:
          'Each payout with its status, attempts, provider reference and failure reason, and the partners held back with why.',
        tags,
        params: idParam,
        response: { 200: batchView },
      },
    },
    (req) => getBatch(db, scopeOf(req), req.params.id),
  )

  app.post(
    '/payout-batches/:id/approve',
    {
      schema: {
        summary: 'Approve a payout batch',
        description: 'Finance only; with four-eyes, someone other than the batch’s creator.',
        tags,
        params: idParam,
        response: { 200: batchView },
      },
    },
    (req) => approveBatch(db, scopeOf(req), req.params.id, clock),
  )

  app.post(
    '/payout-batches/:id/execute',
    {
      schema: {
        summary: 'Send an approved batch',
        description:
          'Sends each payout through the batch’s rail in the background, each with its idempotency key, so a retry never pays twice. On a failed batch, sends the failed payouts again as new attempts.',
        tags,
        params: idParam,
        response: { 202: batchView },
      },
    },
    async (req, reply) => reply.code(202).send(await executeBatch(db, scopeOf(req), req.params.id, clock)),
  )

  app.post(
    '/payout-batches/:id/release-failed',
    {
      schema: {
        summary: 'Release the failed payouts of a batch',
        description:
          'Finance only, on a failed batch: the payouts that failed for good are let go, with the reason in the audit log; their lines are free for a later batch and the batch closes. No money moved on them.',
        tags,
        params: idParam,
        body: releaseFailedInput,
        response: { 200: batchView },
      },
    },
    (req) => releaseFailedPayouts(db, scopeOf(req), req.params.id, req.body.reason, clock),
  )

  app.post(
    '/payout-batches/:id/paid',
    {
      schema: {
        summary: 'Mark a bank-file batch paid',
        description:
          'After the bank ran the file: every payout the file carried becomes paid, and so do the lines it settles.',
        tags,
        params: idParam,
        body: markPaidInput,
        response: { 200: batchView },
      },
    },
    (req) => markBatchPaid(db, scopeOf(req), req.params.id, clock, req.body.reference ?? null),
  )

  app.get(
    '/payout-batches/:id/file',
    {
      schema: {
        summary: 'The bank file of a batch',
        description:
          'A CSV with one line per payout (payee, bank details, exact amount, reference) and totals per currency.',
        tags,
        params: idParam,
      },
    },
    async (req, reply) => {
      const file = await batchFile(db, scopeOf(req), req.params.id)
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `attachment; filename="${file.name}"`)
        .send(file.body)
    },
  )
}
