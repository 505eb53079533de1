// The generated org the platform benchmarks share: 500 reseller partners, 10k accounts, deals opened
// over 500 days (30% won, 20% lost, the rest open) with ten touches each, 80% of them by a partner.
// Deterministic (mulberry32, seed 11): the import bench writes it as CSV files, the re-attribution
// bench loads it as rows, and both see the same org.
import type { Db } from '../src/db/client'
import { createOrg } from '../src/modules/identity'
import { createPartner } from '../src/modules/partners'
import type { Clock } from '../src/platform/clock'
import { systemScope } from '../src/platform/scope'

export const partnerCount = 500
export const accountCount = 10_000
export const touchesPerDeal = 10

const activities = ['referral', 'demo', 'co_sell_meeting', 'proposal', 'training']
const dayMs = 86_400_000
const firstDay = Date.UTC(2025, 0, 1)

/** A small deterministic generator (mulberry32), so every run reads the same org. */
function random(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export interface GeneratedDeal {
  index: number
  account: number
  /** Whole units of the currency (USD): 1,000 to 99,999. */
  amount: number
  status: 'open' | 'won' | 'lost'
  openedAt: Date
  closedAt: Date | null
}

export interface GeneratedTouch {
  index: number
  deal: number
  /** The partner's number (0 … partnerCount − 1), or null for a seller's touch. */
  partner: number | null
  seller: string | null
  activity: string
  occurredAt: Date
}

/** A UTC date as YYYY-MM-DD. */
export const isoDay = (date: Date) => date.toISOString().slice(0, 10)

/**
 * The org's deals and touches. Both come from one random stream, so walk `deals()` to its end
 * before `touches()`, once each.
 */
export function generateOrg(dealCount: number) {
  const next = random(11)
  const day = (offset: number) => new Date(firstDay + offset * dayMs)
  const opened = Array.from({ length: dealCount }, () => Math.floor(next() * 500))
  function* deals(): Generator<GeneratedDeal> {
    for (let i = 0; i < dealCount; i++) {
      const roll = next()
      const status = roll < 0.3 ? 'won' : roll < 0.5 ? 'lost' : 'open'
      const closedAt = status === 'open' ? null : day(opened[i]! + 30 + Math.floor(next() * 90))
      const amount = 1000 + Math.floor(next() * 99_000)
      yield { index: i, account: i % accountCount, amount, status, openedAt: day(opened[i]!), closedAt }
    }
  }
  function* touches(): Generator<GeneratedTouch> {
    for (let i = 0; i < dealCount * touchesPerDeal; i++) {
      const deal = Math.floor(i / touchesPerDeal)
      const isPartner = next() < 0.8
      const occurredAt = day(opened[deal]! + (i % touchesPerDeal))
      const activity = activities[Math.floor(next() * activities.length)]!
      const partner = isPartner ? Math.floor(next() * partnerCount) : null
      yield {
        index: i,
        deal,
        partner,
        seller: isPartner ? null : `rep${i % 40}@vendor.example`,
        activity,
        occurredAt,
      }
    }
  }
  return { deals, touches }
}

/** The org (slug `bench`) and its partners, `Partner 0` … `Partner 499`; their ids in that order. */
export async function createGeneratedOrg(
  db: Db,
  clock: Clock,
): Promise<{ orgId: string; partnerIds: string[] }> {
  const org = await createOrg(db, { name: 'Bench', slug: 'bench' }, clock)
  const scope = systemScope(org.id)
  const partnerIds: string[] = []
  for (let i = 0; i < partnerCount; i++) {
    const partner = await createPartner(
      db,
      scope,
      { name: `Partner ${i}`, type: 'reseller', status: 'active', currency: 'USD', tags: [], contacts: [] },
      { clock },
    )
    partnerIds.push(partner.id)
  }
  return { orgId: org.id, partnerIds }
}
