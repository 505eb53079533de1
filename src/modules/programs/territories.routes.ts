// Territory routes: staff keep territories (owner, partners, rules) and see their overlaps; which
// territories take an account, with why. Thin: parse, call, return.
import { z } from 'zod'
import { type App, scopeOf } from '../../platform/http'
import type { ModuleDeps } from '../../platform/module'
import { idParam } from '../../platform/platform.contract'
import {
  createTerritoryInput,
  territoryList,
  territoryMatchList,
  territoryMatchQuery,
  territoryView,
  updateTerritoryInput,
} from './territories.contract'
import {
  createTerritory,
  deleteTerritory,
  getTerritory,
  listTerritories,
  listTerritoryMatches,
  updateTerritory,
} from './territories.service'

export function territoriesRoutes(app: App, deps: ModuleDeps) {
  const tags = ['programs']
  const { db, clock } = deps

  app.get(
    '/programs/territories',
    {
      schema: {
        summary: 'List territories',
        description:
          'Every territory by name, with its owner, partners and rules, and the active territories each one overlaps (same country and industry, the same named account, or countries covered with no narrowing industry).',
        tags,
        response: { 200: territoryList },
      },
    },
    (req) => listTerritories(db, scopeOf(req)),
  )

  app.post(
    '/programs/territories',
    {
      schema: {
        summary: 'Add a territory',
        description:
          'A name, the partner manager who owns it, its partners and its rules as data: countries, regions, industries and named accounts. Overlaps with other territories are answered as warnings, not refused.',
        tags,
        body: createTerritoryInput,
        response: { 201: territoryView },
      },
    },
    async (req, reply) => reply.code(201).send(await createTerritory(db, scopeOf(req), req.body, clock)),
  )

  app.get(
    '/programs/territories/match',
    {
      schema: {
        summary: 'Territories that take an account',
        description:
          'Given an account’s id, domain, country, region and industry: the active territories that take it, most specific first (named account, then country and industry, country, industry), each with why.',
        tags,
        querystring: territoryMatchQuery,
        response: { 200: territoryMatchList },
      },
    },
    (req) => listTerritoryMatches(db, scopeOf(req), req.query),
  )

  app.get(
    '/programs/territories/:id',
    {
      schema: {
        summary: 'Get a territory',
        description: 'A territory with its owner, partners, rules and overlaps.',
        tags,
        params: idParam,
        response: { 200: territoryView },
      },
    },
    (req) => getTerritory(db, scopeOf(req), req.params.id),
  )

  app.patch(
    '/programs/territories/:id',
    {
      schema: {
        summary: 'Change a territory',
        description:
          'Rename it, hand it to another owner, change its partners or rules, or switch it off (an inactive territory routes nothing). Answers the overlaps as they are now.',
        tags,
        params: idParam,
        body: updateTerritoryInput,
        response: { 200: territoryView },
      },
    },
    (req) => updateTerritory(db, scopeOf(req), req.params.id, req.body, clock),
  )

  app.delete(
    '/programs/territories/:id',
    {
      schema: {
        summary: 'Remove a territory',
        description: 'Registrations already routed by it keep their assignee and the reason.',
        tags,
        params: idParam,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await deleteTerritory(db, scopeOf(req), req.params.id, clock)
      return reply.code(204).send(null)
    },
  )
}
