// The demo's account lists for account overlap: the demo partner's and another reseller's, each with
// some of the org's accounts written their own way and accounts of their own, so the overlap page and
// the portal's account mapping show something in every standing.
import type { Db } from '../db/client'
import { uploadOverlapList } from '../modules/revenue'
import type { Clock } from '../platform/clock'
import type { Scope } from '../platform/scope'

const standings = ['customer', 'open', 'prospect'] as const

/** A partner's CSV: every `every`th of the org's accounts (upper case, another legal form) and its own. */
function partnerList(
  accounts: readonly { name: string; domain: string | null }[],
  every: number,
  offset: number,
) {
  const lines = ['name,domain,status']
  accounts.forEach((account, i) => {
    if ((i + offset) % every !== 0) return
    const domain = account.domain ? `https://www.${account.domain}/` : ''
    lines.push(`"${account.name.toUpperCase()}, Inc.",${domain},${standings[i % 3]}`)
  })
  for (let i = 1; i <= 25; i++)
    lines.push(`Own Prospect ${offset}-${i},own-${offset}-${i}.example,${standings[i % 3]}`)
  return `${lines.join('\n')}\n`
}

export async function seedDemoOverlap(
  db: Db,
  scope: Scope,
  options: {
    secret: string
    clock: Clock
    accounts: readonly { name: string; domain: string | null }[]
    demoPartnerId: string
    otherPartnerId: string
  },
) {
  const share = (partnerId: string, csv: string) =>
    uploadOverlapList(db, scope, partnerId, async () => csv, options.secret, options.clock)
  await share(options.demoPartnerId, partnerList(options.accounts, 6, 0))
  await share(options.otherPartnerId, partnerList(options.accounts, 9, 4))
}
