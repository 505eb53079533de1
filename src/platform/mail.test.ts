import { createTransport } from 'nodemailer'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDb, type TestDb } from '../db/test-db'
import { fixedClock } from './clock'
import { listMail, queueMail, sendPendingMail } from './mail'

const clock = fixedClock('2026-04-01T08:00:00Z')

describe('outgoing mail', () => {
  let testDb: TestDb
  beforeAll(async () => {
    testDb = await createTestDb()
  })
  afterAll(async () => testDb?.close())

  it('queues mail in the caller transaction and lists it for the dev mail view', async () => {
    const { db } = testDb.database
    await db.transaction((tx) =>
      queueMail(tx, 'org_m', { to: 'a@x.test', subject: 'Hello', text: 'Body' }, clock),
    )
    await expect(
      db.transaction(async (tx) => {
        await queueMail(tx, 'org_m', { to: 'b@x.test', subject: 'Lost', text: 'Never sent' }, clock)
        throw new Error('rolled back')
      }),
    ).rejects.toThrow()
    expect((await listMail(db, 'org_m')).map((m) => [m.to, m.status])).toEqual([['a@x.test', 'pending']])
  })

  it('sends pending mail through SMTP and marks it sent', async () => {
    const { db } = testDb.database
    const transport = createTransport({ jsonTransport: true })
    expect(await sendPendingMail(db, transport, 'Credence <no-reply@x.test>', clock)).toBe(1)
    expect((await listMail(db, 'org_m')).map((m) => m.status)).toEqual(['sent'])
    expect(await sendPendingMail(db, transport, 'x@x.test', clock)).toBe(0)
  })

  it('keeps failed mail for retry and gives up after five attempts', async () => {
    const { db } = testDb.database
    await queueMail(db, 'org_f', { to: 'down@x.test', subject: 'Retry', text: 'Body' }, clock)
    const broken = createTransport({ jsonTransport: true })
    broken.sendMail = () => Promise.reject(new Error('SMTP server refused'))
    for (let attempt = 1; attempt <= 5; attempt++) {
      await sendPendingMail(db, broken, 'x@x.test', clock)
      const [mail] = await listMail(db, 'org_f')
      expect(mail!.status).toBe(attempt < 5 ? 'pending' : 'failed')
    }
  })
})
