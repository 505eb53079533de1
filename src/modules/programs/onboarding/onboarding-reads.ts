// Reading what onboarding steps name: the titles of the courses course steps point at, and a stored
// step as the API shows it.
import { and, eq, inArray } from 'drizzle-orm'
import type { Db } from '../../../db/client'
import { courses } from '../training/training.tables'
import type { StepDefinition, StepView } from './onboarding.contract'

/** Course titles by id, for the steps that name a course. */
export async function courseTitles(db: Db, orgId: string, steps: readonly StepDefinition[]) {
  const ids = [...new Set(steps.flatMap((s) => (s.courseId ? [s.courseId] : [])))]
  if (ids.length === 0) return new Map<string, string>()
  const rows = await db
    .select({ id: courses.id, title: courses.title })
    .from(courses)
    .where(and(eq(courses.orgId, orgId), inArray(courses.id, ids)))
  return new Map(rows.map((r) => [r.id, r.title]))
}

export const toStepView = (step: StepDefinition, titles: ReadonlyMap<string, string>): StepView => ({
  ...step,
  courseTitle: step.courseId ? (titles.get(step.courseId) ?? null) : null,
})
