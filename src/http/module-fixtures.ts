/// <reference types="vite/client" />
// Every module's fixture, in module order, for the suites that span every route. Found by file name,
// so a new module's fixture joins without an edit here.
import { modules } from '../modules/registry'
import type { FixtureClient, ModuleFixture, RouteCall } from '../platform/fixtures'

const found = import.meta.glob<Record<string, unknown>>('../modules/*/*.fixtures.ts', { eager: true })
const isFixture = (value: unknown): value is ModuleFixture =>
  typeof (value as ModuleFixture | undefined)?.seed === 'function'

export const fixtures: { module: string; fixture: ModuleFixture }[] = modules.flatMap((m) => {
  const file = found[`../modules/${m.name}/${m.name}.fixtures.ts`]
  // the file's fixture: the export with a seed (it may export the records it sends besides)
  const fixture = file && Object.values(file).find(isFixture)
  return fixture ? [{ module: m.name, fixture }] : []
})

/** Seeds every module's records in one org, in module order; returns all their ids by name. */
export async function seedAll(client: FixtureClient): Promise<Record<string, string>> {
  const ids: Record<string, string> = {}
  for (const { fixture } of fixtures) Object.assign(ids, await fixture.seed(client, ids))
  return ids
}

/** Every route's valid call, keyed 'METHOD /api/v1/path/{param}'. */
export const allRoutes = (ids: Readonly<Record<string, string>>): Record<string, RouteCall> =>
  Object.assign({}, ...fixtures.map(({ fixture }) => fixture.routes(ids)))

export const allLists = (): string[] => fixtures.flatMap(({ fixture }) => fixture.lists)

export const notTenantScoped = (): string[] =>
  fixtures.flatMap(({ fixture }) => fixture.notTenantScoped ?? [])

/** Fills a route's path parameters. */
export const fillPath = (template: string, params: Record<string, string> = {}): string =>
  template.replace(/\{(\w+)\}/g, (_m, name: string) => params[name] ?? 'missing')
