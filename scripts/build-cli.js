// Compiles the `credence` command into dist/cli/ (ESM, code-split so `--help` loads only the command
// table). Packages stay external; `import.meta.url` in a source file is rewritten to that file's own
// URL, relative to the bundle, so paths like the migrations folder still resolve from the sources.
import { execFileSync } from 'node:child_process'
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const finalDir = resolve(root, 'dist/cli')
// build beside the final folder and swap it in, so a concurrent start never sees half a build
const stagingDir = resolve(root, `dist/.cli-${process.pid}`)

const sourceUrlPlugin = {
  name: 'source-import-meta-url',
  setup(pluginBuild) {
    pluginBuild.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
      const { readFile } = await import('node:fs/promises')
      const text = await readFile(args.path, 'utf8')
      if (!text.includes('import.meta.url')) return undefined
      const fromBundle = relative(finalDir, args.path).split('\\').join('/')
      return {
        contents: text.replaceAll(
          'import.meta.url',
          `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`,
        ),
        loader: 'ts',
      }
    })
  },
}

mkdirSync(resolve(root, 'dist'), { recursive: true })
rmSync(stagingDir, { recursive: true, force: true })
await build({
  absWorkingDir: root,
  // the Markov worker is its own entry: a worker thread starts from a file
  entryPoints: { credence: 'src/cli/main.ts', 'markov-worker': 'src/cli/markov-worker.ts' },
  outdir: stagingDir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
  plugins: [sourceUrlPlugin],
})
// the root help lists module command groups from this file, so it need not load every module
const groups = execFileSync(
  process.execPath,
  [resolve(stagingDir, 'credence.js'), '--module-command-groups'],
  {
    encoding: 'utf8',
  },
)
writeFileSync(resolve(stagingDir, 'module-commands.json'), groups)
rmSync(finalDir, { recursive: true, force: true })
renameSync(stagingDir, finalDir)
