// Account overlap routes: a partner's account list goes in as CSV (kept only as keyed hashes), and
// the overlap comes out — per partner, and across partners for staff. Thin: parse, call, return.
import { z } from 'zod'
import { type App, csvText, scopeOf } from '../../../platform/http'
import type { ModuleDeps } from '../../../platform/module'
import { entityId } from '../../../platform/platform.contract'
import { overlapListView, overlapQuery, overlapSummaryView, overlapView } from './overlap.contract'
import { getOverlap, removeOverlapList, summariseOverlaps, uploadOverlapList } from './overlap.service'

const partnerParam = z.object({ partnerId: entityId })
// a list of 200,000 accounts with long names and domains
const maxListBytes = 32 * 1024 * 1024

export function overlapRoutes(app: App, deps: ModuleDeps) {
  const tags = ['overlap']
  const { db, clock, secret } = deps

  app.get(
    '/overlap',
    {
      schema: {
        summary: 'Account overlap with every partner that shared a list',
        description:
          'For each partner list: its size and how many of the org’s accounts it matches, by where they stand with the org. Staff only.',
        tags,
        response: { 200: overlapSummaryView },
      },
    },
    (req) => summariseOverlaps(db, scopeOf(req), secret),
  )

  app.get(
    '/overlap/:partnerId',
    {
      schema: {
        summary: 'The accounts the org and a partner both have',
        description:
          'Only the overlap: each account both lists hold, with where it stands with the org (customer, open deal, prospect) and with the partner, counted by pair. A partner user sees only their own partner’s.',
        tags,
        params: partnerParam,
        querystring: overlapQuery,
        response: { 200: overlapView },
      },
    },
    (req) => getOverlap(db, scopeOf(req), req.params.partnerId, req.query, secret),
  )

  app.put(
    '/overlap/:partnerId/accounts',
    {
      bodyLimit: maxListBytes,
      schema: {
        summary: 'Share a partner’s account list (CSV)',
        description:
          'The body is a CSV file (Content-Type: text/csv) with a header row: name, and optionally domain and status (customer, open or prospect; prospect when blank). Each account is kept only as keyed hashes of its normalised domain and name with its status — never the names — and replaces the partner’s previous list. A row that cannot be read refuses the whole file, naming its line.',
        tags,
        params: partnerParam,
        response: { 200: overlapListView },
      },
    },
    (req) =>
      uploadOverlapList(
        db,
        scopeOf(req),
        req.params.partnerId,
        () => csvText(req.body, maxListBytes),
        secret,
        clock,
      ),
  )

  app.delete(
    '/overlap/:partnerId/accounts',
    {
      schema: {
        summary: 'Withdraw a partner’s account list',
        description:
          'Removes the partner’s list and its hashes; the overlap is empty until a list is shared again.',
        tags,
        params: partnerParam,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await removeOverlapList(db, scopeOf(req), req.params.partnerId)
      return reply.code(204).send(null)
    },
  )
}
