// Account overlap at scale, in process, on the embedded database and on PostgreSQL: an org with
// 100,000 accounts and a partner sharing a list of 100,000 (half of them the org's, written another
// way), timed as the API runs it — the upload (read, normalised, hashed, stored) and then the overlap
// (the org's accounts hashed and met with the list). Size: BENCH_OVERLAP_ACCOUNTS (default 100000).
import { migrateDatabase, openDatabase } from '../src/db/client'
import { createOrg } from '../src/modules/identity'
import { type AccountRow, bulkLoadFacts, journeyIds } from '../src/modules/journeys'
import { createPartner } from '../src/modules/partners'
import { getOverlap, uploadOverlapList } from '../src/modules/revenue/overlap/overlap.service'
import { systemClock } from '../src/platform/clock'
import { systemScope } from '../src/platform/scope'
import { onEachDatabase } from './databases'

const targetSeconds = 5
const secret = 'overlap-bench-secret-overlap-bench-secret'

export function runOverlapBench() {
  const count = Number(process.env.BENCH_OVERLAP_ACCOUNTS ?? 100_000)
  return onEachDatabase('overlap', async (open, label) => {
    const database = await openDatabase(open)
    try {
      await migrateDatabase(database)
      const { db } = database
      const clock = systemClock
      const org = await createOrg(db, { name: 'Overlap bench', slug: 'overlap-bench' }, clock)
      const scope = systemScope(org.id)
      const partner = await createPartner(
        db,
        scope,
        {
          name: 'Bench Partner',
          type: 'reseller',
          status: 'active',
          currency: 'USD',
          tags: [],
          contacts: [],
        },
        { clock },
      )
      const now = clock.now()
      const accounts: AccountRow[] = Array.from({ length: count }, (_, i) => ({
        orgId: org.id,
        id: journeyIds.account(),
        name: `Company ${i} Holdings Inc`,
        domain: `company-${i}.example`,
        source: 'bench',
        externalId: `A${i}`,
        createdAt: now,
        updatedAt: now,
      }))
      await bulkLoadFacts(db, scope, { accounts }, { reason: 'benchmark', clock })
      // every other row one of the org's accounts, the rest the partner's own
      const lines = ['name,domain,status']
      for (let i = 0; i < count; i++)
        lines.push(
          i % 2 === 0
            ? `"COMPANY ${i} HOLDINGS, LLC",https://www.company-${i}.example/,customer`
            : `Partner Only ${i},partner-only-${i}.example,prospect`,
        )
      const csv = `${lines.join('\n')}\n`
      const uploadAt = performance.now()
      const uploaded = await uploadOverlapList(db, scope, partner.id, async () => csv, secret, clock)
      const uploadSeconds = (performance.now() - uploadAt) / 1000
      const overlapAt = performance.now()
      const overlap = await getOverlap(db, scope, partner.id, { limit: 100 }, secret)
      const overlapSeconds = (performance.now() - overlapAt) / 1000
      if (overlap.total !== count / 2)
        throw new Error(`expected ${count / 2} overlapping accounts, got ${overlap.total}`)
      return {
        run: `overlap of ${count} accounts with a ${count}-row list, ${label}`,
        uploadSeconds: Math.round(uploadSeconds * 100) / 100,
        overlapSeconds: Math.round(overlapSeconds * 100) / 100,
        overlapping: overlap.total,
        rows: uploaded.rows,
        targetSeconds,
        isWithinTarget: uploadSeconds + overlapSeconds <= targetSeconds,
      }
    } finally {
      await database.close()
    }
  })
}
