// The background side of payouts: the rails the deps configure, the job that sends a batch, and the
// sweep that resumes a batch whose worker stopped part-way.
import type { ModuleDeps, ModuleJob } from '../../../platform/module'
import {
  listStalledBatches,
  type ProcessOptions,
  processBatch,
  processBatchJob,
} from './payout-worker.service'
import { createBankFileRail, createStripeRail } from './rails'

export function railsFor(deps: Pick<ModuleDeps, 'stripe'>): ProcessOptions['rails'] {
  const stripe = deps.stripe
  if (!stripe) return { bank_file: createBankFileRail() }
  const url = stripe.url ? new URL(stripe.url) : null
  return {
    bank_file: createBankFileRail(),
    stripe: createStripeRail({
      apiKey: stripe.apiKey,
      ...(url
        ? {
            host: url.hostname,
            port: Number(url.port || (url.protocol === 'http:' ? 80 : 443)),
            protocol: url.protocol === 'http:' ? 'http' : 'https',
          }
        : {}),
    }),
  }
}

export const payoutJobs: ModuleJob[] = [
  {
    name: processBatchJob,
    run: async (deps, data) => {
      await processBatch(deps.db, String(data.orgId), String(data.batchId), deps.clock, {
        rails: railsFor(deps),
      })
    },
  },
  {
    name: 'incentives.resume-payouts',
    cron: '* * * * *',
    run: async (deps) => {
      for (const batch of await listStalledBatches(deps.db, deps.clock))
        await processBatch(deps.db, batch.org_id, batch.id, deps.clock, { rails: railsFor(deps) })
    },
  },
]
