import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { platformIds } from '../platform/ids'
import { modules } from './registry'

const here = dirname(fileURLToPath(import.meta.url))
const order: string[] = JSON.parse(readFileSync(join(here, 'module-order.json'), 'utf8'))

describe('the module registry', () => {
  it('lists every module folder once, in the order of DESIGN.md', () => {
    const folders = readdirSync(here).filter((name) => statSync(join(here, name)).isDirectory())
    const names = modules.map((m) => m.name)
    expect([...names].sort()).toEqual([...folders].sort())
    expect(names).toEqual(order.filter((name) => names.includes(name)))
  })

  it('gives every id prefix to one owner only', () => {
    const owners = new Map<string, string>()
    const claim = (owner: string, prefixes: Readonly<Record<string, string>>) => {
      for (const prefix of Object.values(prefixes)) {
        expect(owners.get(prefix), `prefix ${prefix} of ${owner}`).toBeUndefined()
        owners.set(prefix, owner)
      }
    }
    claim('platform', platformIds.prefixes)
    for (const m of modules) claim(m.name, m.idPrefixes ?? {})
    expect(owners.size).toBeGreaterThan(10)
  })

  it('names each permission and event type in one module only', () => {
    const permissions = modules.flatMap((m) => Object.keys(m.permissions ?? {}))
    const events = modules.flatMap((m) => m.events ?? [])
    expect(new Set(permissions).size).toBe(permissions.length)
    expect(new Set(events).size).toBe(events.length)
    expect(events).toContain('touchpoint.recorded')
    expect(permissions).toContain('partners.write')
  })
})
