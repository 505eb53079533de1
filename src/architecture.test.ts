// The architecture rules catch what they promise: each probe breaks one rule in a scratch tree, and
// dependency-cruiser, run with the project's own configuration, must name that rule.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = dirname(dirname(fileURLToPath(import.meta.url)))

const probes: Record<string, string> = {
  // a module folder that is not in the order list
  'src/modules/stray/index.ts': "import { now } from '../../platform/clock'\nexport const x = now",
  // a contract that pulls tables (and so Drizzle) into the web bundle
  'src/modules/partners/partners.contract.ts': "import { t } from './partners.tables'\nexport const c = t",
  'src/modules/partners/partners.tables.ts':
    "import { now } from '../../platform/clock'\nexport const t = now",
  'src/modules/partners/index.ts': "export { c } from './partners.contract'",
  // a composition root reaching past a module's index
  'src/http/server-probe.ts': "import { t } from '../modules/partners/partners.tables'\nexport const s = t",
  // a cycle inside a module
  'src/modules/journeys/a.service.ts': "import { b } from './b.service'\nexport const a = () => b",
  'src/modules/journeys/b.service.ts': "import { a } from './a.service'\nexport const b = () => a",
  'src/modules/journeys/index.ts': "export { a } from './a.service'",
  // an earlier module importing a later one
  'src/modules/identity/index.ts': "import { a } from '../journeys'\nexport const i = a",
  'src/platform/clock.ts': 'export const now = () => 0',
}

describe('architecture rules', () => {
  let dir: string
  let report: string
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'credence-arch-'))
    for (const [path, text] of Object.entries(probes)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true })
      writeFileSync(join(dir, path), text)
    }
    mkdirSync(join(dir, 'src/modules'), { recursive: true })
    writeFileSync(
      join(dir, 'src/modules/module-order.json'),
      readFileSync(join(root, 'src/modules/module-order.json')),
    )
    writeFileSync(join(dir, '.dependency-cruiser.cjs'), readFileSync(join(root, '.dependency-cruiser.cjs')))
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { module: 'esnext', moduleResolution: 'bundler', target: 'es2022' },
      }),
    )
    try {
      report = execFileSync(
        join(root, 'node_modules/.bin/depcruise'),
        ['src', '--config', '.dependency-cruiser.cjs'],
        {
          cwd: dir,
          encoding: 'utf8',
        },
      )
    } catch (error) {
      report = (error as { stdout: string }).stdout
    }
  }, 60_000)
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it.each([
    ['module-in-order', 'src/modules/stray/index.ts'],
    ['contracts-stay-light', 'src/modules/partners/partners.contract.ts'],
    ['roots-use-module-index', 'src/http/server-probe.ts'],
    ['no-circular', 'src/modules/journeys/a.service.ts'],
    ['module-order-identity', 'src/modules/identity/index.ts'],
  ])('%s catches %s', (rule, file) => {
    const lines = report.split('\n').filter((line) => line.includes(rule))
    expect(lines.some((line) => line.includes(file))).toBe(true)
  })
})
