import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

// ChannelAttribution (the reference Markov tool, C++ under Python) run as a process on the e2e bench's
// path files, timed like the CLI. It is found when a Python can import it: `python3`, or Debian's
// /usr/bin/python3, with the folder bench/reference/build-channel-attribution.sh installs into
// (/tmp/credence-bench/reference) on PYTHONPATH. CREDENCE_REFERENCE=off skips it;
// CREDENCE_REFERENCE_TIMEOUT (seconds, default 900) bounds each run.

const script = fileURLToPath(new URL('./channel-attribution.py', import.meta.url))
const installed = join(tmpdir(), 'credence-bench', 'reference')

export interface Reference {
  python: string
  env: NodeJS.ProcessEnv
}

let found: Reference | undefined | null = null

/** A Python that imports ChannelAttribution, or undefined (said once on standard error). */
export function findReference(): Reference | undefined {
  if (found !== null) return found
  found = undefined
  if (process.env.CREDENCE_REFERENCE === 'off') {
    process.stderr.write('reference: skipped (CREDENCE_REFERENCE=off)\n')
    return found
  }
  const env = {
    ...process.env,
    PYTHONPATH: [installed, process.env.PYTHONPATH].filter(Boolean).join(':'),
  }
  for (const python of ['python3', '/usr/bin/python3']) {
    const probe = spawnSync(python, ['-c', 'import ChannelAttribution, pandas'], { env, stdio: 'ignore' })
    if (probe.status === 0) {
      found = { python, env }
      return found
    }
  }
  process.stderr.write(
    `reference: ChannelAttribution cannot be imported (tried python3 and /usr/bin/python3${
      existsSync(installed) ? `, with ${installed}` : ''
    }); skipped. Build it with bench/reference/build-channel-attribution.sh\n`,
  )
  return found
}

/** Wall seconds and peak RSS of ChannelAttribution's markov_model on a paths file; undefined on timeout. */
export function runReference(
  reference: Reference,
  file: string,
  order: number,
): { seconds: number; peakMb: number } | undefined {
  const timeout = Number(process.env.CREDENCE_REFERENCE_TIMEOUT ?? 900) * 1000
  const result = spawnSync('/usr/bin/time', ['-f', '%e %M', reference.python, script, file, String(order)], {
    encoding: 'utf8',
    env: reference.env,
    stdio: ['ignore', 'ignore', 'pipe'],
    timeout,
    maxBuffer: 1 << 26,
  })
  if (result.error || result.status !== 0) {
    if (result.signal) return undefined
    throw new Error(`ChannelAttribution on ${file} failed: ${(result.stderr ?? '').slice(-500)}`)
  }
  const [seconds, kilobytes] = (result.stderr.trim().split('\n').at(-1) ?? '').split(' ').map(Number)
  return { seconds: seconds ?? Number.NaN, peakMb: Math.round((kilobytes ?? 0) / 1024) }
}
