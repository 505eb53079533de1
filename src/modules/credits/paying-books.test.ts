import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { queryRows } from '../../db/client'
import { createLiveHarness, type LiveHarness } from '../../http/live-harness'
import { creditsModule } from '.'
import {
  creditsFromBook,
  readPayingCreditBook,
  readPayingSumBook,
  sumsFromBook,
} from './paying-books.service'

// The org-wide book of paying credit hands each batch its part; a partner whose credit moved after the
// book was read — gained, lost or changed — is read again, and the others come from the book.
describe('the paying credit book', () => {
  let live: LiveHarness
  const partner: Record<string, string> = {}
  const deal: Record<string, string> = {}

  const touch = async (dealName: string, partnerName: string, occurredAt: string) => {
    const res = await live.admin.post('/api/v1/touchpoints', {
      dealId: deal[dealName],
      actor: { kind: 'partner', partnerId: partner[partnerName] },
      activityType: 'referral',
      occurredAt,
    })
    expect(res.statusCode, res.body).toBe(201)
    await live.bus.drain()
  }

  beforeAll(async () => {
    live = await createLiveHarness('credit-book', [creditsModule])
    const models = (await live.admin.get('/api/v1/attribution/models')).json().items
    const linear = models.find((m: { key: string }) => m.key === 'linear')
    await live.admin.patch(`/api/v1/attribution/models/${linear.id}`, { role: 'paying' })
    for (const name of ['Ada', 'Bo', 'Cy'])
      partner[name] = (
        await live.admin.post('/api/v1/partners', { name, type: 'reseller', currency: 'USD' })
      ).json().id
    for (const name of ['One', 'Two'])
      deal[name] = (
        await live.admin.post('/api/v1/deals', {
          name,
          amount: '100.00',
          currency: 'USD',
          status: 'won',
          openedAt: '2026-03-01T00:00:00Z',
          closedAt: '2026-04-01T00:00:00Z',
        })
      ).json().id
    await touch('One', 'Ada', '2026-03-10T00:00:00Z')
    await touch('Two', 'Cy', '2026-03-10T00:00:00Z')
  })
  afterAll(async () => live?.close())

  it('hands out what it read while nothing moved, and reads again whoever’s credit moved since', async () => {
    const { db } = live.h.testDb.database
    const ids = Object.values(partner)
    const book = await readPayingCreditBook(db, live.orgId)
    expect([...book.byPartner.keys()].sort()).toEqual([partner.Ada, partner.Cy].sort())
    const before = await creditsFromBook(db, live.orgId, book, ids)
    expect(before.find((c) => c.partnerId === partner.Cy)).toBe(book.byPartner.get(partner.Cy!)![0])

    // Bo joins deal One after the book was read: Ada's share halves and Bo gains one
    await touch('One', 'Bo', '2026-03-11T00:00:00Z')
    const after = await creditsFromBook(db, live.orgId, book, ids)
    const share = (name: string) =>
      after.filter((c) => c.partnerId === partner[name]).map((c) => [c.dealId, c.share])
    expect(share('Ada')).toEqual([[deal.One, '0.5000000000']])
    expect(share('Bo')).toEqual([[deal.One, '0.5000000000']])
    // Cy's credit did not move: still the book's own
    expect(after.find((c) => c.partnerId === partner.Cy)).toBe(book.byPartner.get(partner.Cy!)![0])
  })

  it('hands out the org’s sums while nothing moved, and sums a batch again once a credit did', async () => {
    const { db } = live.h.testDb.database
    const closed = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2027-01-01T00:00:00Z') }
    const book = await readPayingSumBook(db, live.orgId, closed)
    const [cy] = await sumsFromBook(db, live.orgId, book, [partner.Cy!])
    expect(cy).toBe(book.byPartner.get(partner.Cy!)![0])
    expect(cy).toMatchObject({ creditMinor: 10000n, deals: 1 })

    await touch('Two', 'Ada', '2026-03-12T00:00:00Z')
    const after = await sumsFromBook(db, live.orgId, book, [partner.Cy!, partner.Ada!])
    expect(after.find((s) => s.partnerId === partner.Cy)).toMatchObject({ creditMinor: 5000n, deals: 1 })
    expect(after.find((s) => s.partnerId === partner.Ada)).toMatchObject({ creditMinor: 10000n, deals: 2 })
  })

  it.runIf(process.env.CREDENCE_TEST_DB === 'postgres')(
    'reads again a head written by a transaction still running when the book was read',
    async () => {
      const { db } = live.h.testDb.database
      const ids = Object.values(partner)
      let book: Awaited<ReturnType<typeof readPayingCreditBook>> | undefined
      // the head of deal One is written in a transaction that commits only after the book is read
      await db.transaction(async (tx) => {
        await tx.execute(
          sql`update current_runs set written_xid = pg_current_xact_id()::text::bigint
               where org_id = ${live.orgId} and deal_id = ${deal.One}`,
        )
        // a later transaction ends first: the book's snapshot lists the head's writer as still running
        await db.execute(sql`select pg_current_xact_id()`)
        book = await readPayingCreditBook(db, live.orgId)
        const [writer] = await queryRows<{ xid: string }>(tx, sql`select pg_current_xact_id()::text as xid`)
        expect(book.horizon.running).toContain(writer!.xid)
      })
      const after = await creditsFromBook(db, live.orgId, book!, ids)
      const onOne = (list: readonly { partnerId: string; dealId: string }[]) =>
        list.find((c) => c.partnerId === partner.Ada && c.dealId === deal.One)
      expect(onOne(after)).toBeDefined()
      expect(onOne(after)).toEqual(onOne(book!.byPartner.get(partner.Ada!)!))
      expect(onOne(after)).not.toBe(onOne(book!.byPartner.get(partner.Ada!)!))
      // deal Two's head was not written since: Cy's credit is the book's own
      expect(after.find((c) => c.partnerId === partner.Cy)).toBe(book!.byPartner.get(partner.Cy!)![0])
    },
  )
})
