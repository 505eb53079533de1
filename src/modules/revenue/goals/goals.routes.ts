// Partner goal routes: set, list with progress and the chance of reaching each, remove. Thin: parse,
// call, return.
import { z } from 'zod'
import { type App, scopeOf } from '../../../platform/http'
import type { ModuleDeps } from '../../../platform/module'
import { idParam } from '../../../platform/platform.contract'
import { goalsQuery, goalView, setGoalInput } from './goals.contract'
import { listGoals, removeGoal, setGoal } from './goals.service'

export function goalRoutes(app: App, deps: ModuleDeps) {
  const tags = ['goals']
  const { db, clock } = deps

  app.get(
    '/goals',
    {
      schema: {
        summary: 'Partner goals for a quarter, with progress and the chance of reaching them',
        description:
          'This quarter by default. Revenue goals count the partner’s credit under the paying model on deals won in the quarter; deal goals the won deals that credit the partner. The chance adds the open deals expected to close in the quarter at their win chance. A partner user sees only their own.',
        tags,
        querystring: goalsQuery,
        response: { 200: z.object({ items: z.array(goalView) }) },
      },
    },
    (req) => listGoals(db, scopeOf(req), req.query, clock),
  )

  app.put(
    '/goals',
    {
      schema: {
        summary: 'Set a partner’s goal for a quarter',
        description: 'One target a partner, quarter and metric: setting it again replaces it. Audited.',
        tags,
        body: setGoalInput,
        response: { 200: goalView },
      },
    },
    (req) => setGoal(db, scopeOf(req), req.body, clock),
  )

  app.delete(
    '/goals/:id',
    {
      schema: {
        summary: 'Remove a partner goal',
        description: 'Audited with the goal as it was.',
        tags,
        params: idParam,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await removeGoal(db, scopeOf(req), req.params.id, clock)
      return reply.code(204).send(null)
    },
  )
}
