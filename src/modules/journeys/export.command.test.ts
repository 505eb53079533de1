import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readJourney } from '../../attribution'
import { createModuleDeps } from '../../http/deps'
import { type Client, createHarness, type Harness } from '../../http/test-harness'
import { exportJourneysCommand } from './export.command'
import { readJourneyFacts } from './journey-facts.service'

describe('credence export journeys', () => {
  let h: Harness
  let orgId: string
  let staff: Client
  const dir = mkdtempSync(join(tmpdir(), 'credence-export-'))
  const depsOf = (harness: Harness) =>
    createModuleDeps(harness.testDb.database.db, {
      clock: harness.clock,
      secret: 'x'.repeat(40),
      publicUrl: 'http://credence.test',
      isDevMail: true,
      signInRateLimit: 10,
    })
  beforeAll(async () => {
    h = await createHarness()
    orgId = await h.createOrg('exported')
    staff = await h.signIn(orgId, 'admin')
    const distributor = (await staff.post('/api/v1/partners', { name: 'Atlas', type: 'distributor' })).json()
      .id
    const reseller = (
      await staff.post('/api/v1/partners', { name: 'Bluefin', type: 'reseller', parentId: distributor })
    ).json().id
    const deal = (
      await staff.post('/api/v1/deals', {
        name: 'Exported deal',
        amount: '1234.56',
        currency: 'EUR',
        status: 'won',
        openedAt: '2026-01-05T10:00:00Z',
        closedAt: '2026-03-01T12:00:00Z',
      })
    ).json()
    await staff.post('/api/v1/touchpoints', {
      dealId: deal.id,
      actor: { kind: 'partner', partnerId: reseller },
      activityType: 'demo',
      occurredAt: '2026-02-01T09:30:00Z',
    })
    await staff.post('/api/v1/touchpoints', {
      dealId: deal.id,
      actor: { kind: 'direct', seller: 'ae@vendor.test' },
      activityType: 'proposal',
      occurredAt: '2026-02-10T09:30:00Z',
    })
    await staff.post('/api/v1/deals', { name: 'Open deal', amount: '10', currency: 'JPY' })
  })
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true })
    await h?.close()
  })

  it('writes every journey as a line the engine reads back to the same journey', async () => {
    const out = join(dir, 'journeys.ndjson')
    expect(await exportJourneysCommand.run(depsOf(h), { org: 'exported', out })).toBe(
      `Wrote 2 journeys to ${out}`,
    )
    const lines = readFileSync(out, 'utf8').trim().split('\n')
    const read = lines.map((line, i) => readJourney(JSON.parse(line), `journeys[${i}]`))
    expect(read).toEqual(await readJourneyFacts(h.testDb.database.db, orgId))
    const won = read.find((j) => j.outcome === 'won')!
    expect(won.amountMinor).toBe(123456n)
    expect(won.touches.map((t) => [t.actorKind, t.activity])).toEqual([
      ['reseller', 'demo'],
      ['direct', 'proposal'],
    ])
    expect(won.touches[0]!.parentActor).toMatch(/^prt_/)
  })

  it('names an unknown org and writes nothing', async () => {
    await expect(
      exportJourneysCommand.run(depsOf(h), { org: 'nope', out: join(dir, 'none.ndjson') }),
    ).rejects.toThrow('No org with slug nope')
  })
})
