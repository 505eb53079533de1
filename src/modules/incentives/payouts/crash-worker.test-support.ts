// Test support: a payout worker as its own process, which kills itself (SIGKILL, no clean-up) at a
// chosen step of a chosen payout — the crash a real worker meets — or runs the batch to the end.
// argv: database url, org id, batch id, Stripe url, Stripe key, step or '-', payout id or '-'.
import { openDatabase } from '../../../db/client'
import { systemClock } from '../../../platform/clock'
import { railsFor } from './payout-jobs'
import { processBatch } from './payout-worker.service'

const [url, orgId, batchId, stripeUrl, apiKey, crashStep, crashPayout] = process.argv.slice(2) as string[]
const database = await openDatabase({ url: url!, poolSize: 2 })
const result = await processBatch(database.db, orgId!, batchId!, systemClock, {
  rails: railsFor({ stripe: { apiKey: apiKey!, url: stripeUrl! } }),
  onStep: (step, payoutId) => {
    if (step === crashStep && payoutId === crashPayout) process.kill(process.pid, 'SIGKILL')
  },
})
process.stdout.write(`${JSON.stringify(result)}\n`)
await database.close()
