#!/usr/bin/env node
// The `credence` command. It starts from the compiled bundle (dist/cli, built on install by
// `npm run build:cli`); in a checkout whose sources changed after the last build it runs the
// sources through tsx's loader instead, so a stale bundle is never used.
import { existsSync, readdirSync, statSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const bundle = fileURLToPath(new URL('../dist/cli/credence.js', import.meta.url))
const sources = fileURLToPath(new URL('../src', import.meta.url))

function isNewerThan(directory, time) {
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = `${directory}/${entry.name}`
    if (entry.isDirectory() ? isNewerThan(path, time) : statSync(path).mtimeMs > time) return true
  }
  return false
}

const isBundleCurrent =
  existsSync(bundle) && !(existsSync(sources) && isNewerThan(sources, statSync(bundle).mtimeMs))

if (isBundleCurrent) await import(new URL('../dist/cli/credence.js', import.meta.url).href)
else {
  const { register } = await import('tsx/esm/api')
  register()
  await import('../src/cli/main.ts')
}
