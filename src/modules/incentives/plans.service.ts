// Commission plans and SPIFs: created with terms, changed only by a new version that takes effect
// from a day (deals that closed before it keep the terms they closed under). Every change is
// audited and announced, and the announcement brings every partner's lines up to date.
import { and, asc, desc, eq } from 'drizzle-orm'
import { AttributionError, checkLogic } from '../../attribution'
import type { Db } from '../../db/client'
import { AppError, invalidField, notFound } from '../../platform/app-error'
import { writeAudit } from '../../platform/audit'
import type { Clock } from '../../platform/clock'
import { publish } from '../../platform/events'
import { actorLabel, type Scope } from '../../platform/scope'
import type { PlanFacts } from './commission-calc'
import type { CreatePlanInput, PlanTerms, PlanView, UpdatePlanInput } from './incentives.contract'
import { incentiveEvents } from './incentives.events'
import { incentivesPermissions } from './incentives.permissions'
import { commissionPlans, commissionPlanVersions, incentiveIds } from './incentives.tables'

const today = (clock: Clock) => clock.now().toISOString().slice(0, 10)

/** Terms the engine can run: every condition is json-logic it knows, tiers exist where a rule needs them. */
export function checkTerms(terms: PlanTerms, path = 'terms'): void {
  const logic = (rule: unknown, at: string) => {
    try {
      checkLogic(rule, at)
    } catch (error) {
      if (error instanceof AttributionError) throw invalidField(error.path ?? at, error.message)
      throw error
    }
  }
  logic(terms.audience, `${path}.audience`)
  const seen = new Set<string>()
  terms.rules.forEach((rule, index) => {
    const at = `${path}.rules[${index}]`
    if (seen.has(rule.id)) throw invalidField(`${at}.id`, `another rule already has the id ${rule.id}`)
    seen.add(rule.id)
    logic(rule.when, `${at}.when`)
    if (rule.tiered && !terms.tiers)
      throw invalidField(`${at}.tiered`, 'the plan has no tiers to take a rate from')
    if (
      rule.capMinor !== undefined &&
      rule.floorMinor !== undefined &&
      BigInt(rule.floorMinor) > BigInt(rule.capMinor)
    )
      throw invalidField(`${at}.floorMinor`, 'must not be above the cap')
  })
  if (terms.tiers) {
    const { brackets, targetMinor } = terms.tiers
    brackets.forEach((bracket, index) => {
      if (bracket.fromPercentOfTarget !== undefined && targetMinor === undefined)
        throw invalidField(
          `${path}.tiers.brackets[${index}].fromPercentOfTarget`,
          'needs the tiers’ targetMinor',
        )
    })
    if (terms.tiers.period === 'window' && !terms.window)
      throw invalidField(`${path}.tiers.period`, 'a window period needs the plan’s window')
  }
  if (terms.window && terms.window.from > terms.window.to)
    throw invalidField(`${path}.window.to`, 'must not be before from')
}

type PlanRow = typeof commissionPlans.$inferSelect
type VersionRow = typeof commissionPlanVersions.$inferSelect

const toView = (plan: PlanRow, versions: VersionRow[]): PlanView => ({
  id: plan.id,
  name: plan.name,
  kind: plan.kind,
  currency: plan.currency,
  isActive: plan.isActive,
  version: plan.version,
  versions: versions
    .filter((v) => v.planId === plan.id)
    .sort((a, b) => b.version - a.version)
    .map((v) => ({
      version: v.version,
      effectiveFrom: v.effectiveFrom,
      terms: v.terms as PlanTerms,
      createdAt: v.createdAt.toISOString(),
      createdBy: v.createdBy,
    })),
})

async function readPlanRows(db: Db, orgId: string, onlyActive: boolean) {
  const plans = await db
    .select()
    .from(commissionPlans)
    .where(
      onlyActive
        ? and(eq(commissionPlans.orgId, orgId), eq(commissionPlans.isActive, true))
        : eq(commissionPlans.orgId, orgId),
    )
    .orderBy(asc(commissionPlans.createdAt), asc(commissionPlans.id))
  const versions =
    plans.length === 0
      ? []
      : await db
          .select()
          .from(commissionPlanVersions)
          .where(eq(commissionPlanVersions.orgId, orgId))
          .orderBy(desc(commissionPlanVersions.version))
  return { plans, versions }
}

/** The org's active plans with every version, as the calculation reads them. */
export async function readPlanFacts(db: Db, orgId: string): Promise<PlanFacts[]> {
  const { plans, versions } = await readPlanRows(db, orgId, true)
  return plans.map((plan) => ({
    id: plan.id,
    name: plan.name,
    kind: plan.kind,
    currency: plan.currency,
    versions: versions
      .filter((v) => v.planId === plan.id)
      .map((v) => ({ version: v.version, effectiveFrom: v.effectiveFrom, terms: v.terms as PlanTerms })),
  }))
}

export async function listPlans(db: Db, scope: Scope): Promise<{ items: PlanView[] }> {
  incentivesPermissions.require(scope, 'incentives.read')
  if (scope.partnerId) throw new AppError('FORBIDDEN', 'Plans are read by staff')
  const { plans, versions } = await readPlanRows(db, scope.orgId, false)
  return { items: plans.map((plan) => toView(plan, versions)) }
}

export async function getPlan(db: Db, scope: Scope, id: string): Promise<PlanView> {
  incentivesPermissions.require(scope, 'incentives.read')
  if (scope.partnerId) throw notFound('Plan', id)
  const [plan] = await db
    .select()
    .from(commissionPlans)
    .where(and(eq(commissionPlans.orgId, scope.orgId), eq(commissionPlans.id, id)))
  if (!plan) throw notFound('Plan', id)
  const versions = await db
    .select()
    .from(commissionPlanVersions)
    .where(and(eq(commissionPlanVersions.orgId, scope.orgId), eq(commissionPlanVersions.planId, id)))
  return toView(plan, versions)
}

async function announce(tx: Db, scope: Scope, planId: string, version: number, clock: Clock) {
  await publish(
    tx,
    scope,
    incentiveEvents.event('commission_plan.changed', planId, { planId, version }),
    clock,
  )
}

export async function createPlan(
  db: Db,
  scope: Scope,
  input: CreatePlanInput,
  clock: Clock,
): Promise<PlanView> {
  incentivesPermissions.require(scope, 'incentives.plans')
  checkTerms(input.terms)
  const id = incentiveIds.plan()
  const now = clock.now()
  const effectiveFrom = input.effectiveFrom ?? today(clock)
  await db.transaction(async (tx) => {
    await tx.insert(commissionPlans).values({
      orgId: scope.orgId,
      id,
      name: input.name,
      kind: input.kind,
      currency: input.currency,
      isActive: true,
      version: 1,
      createdAt: now,
      updatedAt: now,
    })
    await tx.insert(commissionPlanVersions).values({
      orgId: scope.orgId,
      planId: id,
      version: 1,
      effectiveFrom,
      terms: input.terms,
      createdAt: now,
      createdBy: actorLabel(scope.actor),
    })
    await writeAudit(
      tx,
      scope,
      {
        action: 'commission_plan.created',
        entityType: 'commission_plan',
        entityId: id,
        after: { ...input, effectiveFrom },
      },
      clock,
    )
    await announce(tx, scope, id, 1, clock)
  })
  return getPlan(db, scope, id)
}

export async function updatePlan(
  db: Db,
  scope: Scope,
  id: string,
  input: UpdatePlanInput,
  clock: Clock,
): Promise<PlanView> {
  incentivesPermissions.require(scope, 'incentives.plans')
  if (input.terms) checkTerms(input.terms)
  if (input.effectiveFrom && !input.terms)
    throw invalidField('effectiveFrom', 'give the new terms that take effect from this day')
  const before = await getPlan(db, scope, id)
  const now = clock.now()
  await db.transaction(async (tx) => {
    const version = input.terms ? before.version + 1 : before.version
    await tx
      .update(commissionPlans)
      .set({
        ...(input.name === undefined ? {} : { name: input.name }),
        ...(input.isActive === undefined ? {} : { isActive: input.isActive }),
        version,
        updatedAt: now,
      })
      .where(and(eq(commissionPlans.orgId, scope.orgId), eq(commissionPlans.id, id)))
    if (input.terms)
      await tx.insert(commissionPlanVersions).values({
        orgId: scope.orgId,
        planId: id,
        version,
        effectiveFrom: input.effectiveFrom ?? today(clock),
        terms: input.terms,
        createdAt: now,
        createdBy: actorLabel(scope.actor),
      })
    await writeAudit(
      tx,
      scope,
      {
        action: 'commission_plan.changed',
        entityType: 'commission_plan',
        entityId: id,
        before: { name: before.name, isActive: before.isActive, version: before.version },
        after: input,
      },
      clock,
    )
    // a rename pays nothing differently
    if (input.terms || input.isActive !== undefined) await announce(tx, scope, id, version, clock)
  })
  return getPlan(db, scope, id)
}
