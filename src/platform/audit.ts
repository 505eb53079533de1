// The audit log: append-only and hash-chained per org, hash = sha256(prev_hash || canonical_json(row)).
import { createHash } from 'node:crypto'
import { and, asc, desc, eq, gt, sql } from 'drizzle-orm'
import type { Db } from '../db/client'
import { canonicalJson, toJsonValue } from './canonical-json'
import type { Clock } from './clock'
import { platformIds } from './ids'
import { auditLog } from './platform.tables'
import { actorLabel, type Scope } from './scope'

export interface AuditEntry {
  action: string
  entityType: string
  entityId: string
  before?: unknown
  after?: unknown
}

type AuditRow = typeof auditLog.$inferSelect

const genesis = ''

function hashRow(prevHash: string, row: Omit<AuditRow, 'hash' | 'prevHash'>): string {
  const body = canonicalJson({
    orgId: row.orgId,
    seq: row.seq,
    id: row.id,
    at: row.at,
    actor: row.actor,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    before: row.before,
    after: row.after,
  })
  return createHash('sha256').update(prevHash).update(body).digest('hex')
}

/** Appends one entry to the org's chain; call inside the transaction that makes the change. */
export const writeAudit = (tx: Db, scope: Scope, entry: AuditEntry, clock: Clock): Promise<void> =>
  writeAudits(tx, scope, [entry], clock)

/** Appends entries to the org's chain in their order, in one insert; call inside the change's transaction. */
export async function writeAudits(
  tx: Db,
  scope: Scope,
  entries: readonly AuditEntry[],
  clock: Clock,
): Promise<void> {
  if (entries.length === 0) return
  // serialise writers per org so the chain never forks
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`audit:${scope.orgId}`}))`)
  const [last] = await tx
    .select({ seq: auditLog.seq, hash: auditLog.hash })
    .from(auditLog)
    .where(eq(auditLog.orgId, scope.orgId))
    .orderBy(desc(auditLog.seq))
    .limit(1)
  let seq = last?.seq ?? 0
  let prevHash = last?.hash ?? genesis
  const at = clock.now()
  const actor = actorLabel(scope.actor)
  const rows = entries.map((entry) => {
    const row = {
      orgId: scope.orgId,
      seq: ++seq,
      id: platformIds.audit(),
      at,
      actor,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before: entry.before === undefined ? null : toJsonValue(entry.before),
      after: entry.after === undefined ? null : toJsonValue(entry.after),
    }
    const linked = { ...row, prevHash, hash: hashRow(prevHash, row) }
    prevHash = linked.hash
    return linked
  })
  await tx.insert(auditLog).values(rows)
}

export type ChainVerdict =
  | { ok: true; orgId: string; checked: number }
  | { ok: false; orgId: string; checked: number; brokenAt: { seq: number; id: string; reason: string } }

/** Walks an org's chain in order and reports the first link that does not hold. */
export async function verifyAuditChain(db: Db, orgId: string, batchSize = 1000): Promise<ChainVerdict> {
  let prevHash = genesis
  let expectedSeq = 1
  let checked = 0
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.orgId, orgId), gt(auditLog.seq, expectedSeq - 1)))
      .orderBy(asc(auditLog.seq))
      .limit(batchSize)
    if (rows.length === 0) return { ok: true, orgId, checked }
    for (const row of rows) {
      const broken = (reason: string): ChainVerdict => ({
        ok: false,
        orgId,
        checked,
        brokenAt: { seq: row.seq, id: row.id, reason },
      })
      if (row.seq !== expectedSeq) return broken(`sequence jumps from ${expectedSeq - 1} to ${row.seq}`)
      if (row.prevHash !== prevHash) return broken('prev_hash does not match the hash of the entry before')
      if (hashRow(prevHash, row) !== row.hash) return broken('hash does not match the entry: it was altered')
      prevHash = row.hash
      expectedSeq++
      checked++
    }
  }
}
