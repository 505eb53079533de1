// A progress bar on standard error for work that takes more than a second (reading an input, or
// solving): drawn only when standard error is a terminal (never into a pipe or a log), at most ten
// times a second.

export interface Progress {
  update(bytes: number): void
  done(): void
}

const SILENT: Progress = { update() {}, done() {} }
const WIDTH = 30

/** `unit` is what update counts: bytes (shown with the rate) or steps (shown as k of n). */
export function createProgress(
  label: string,
  totalBytes: number,
  stream: NodeJS.WriteStream = process.stderr,
  unit: 'bytes' | 'steps' = 'bytes',
): Progress {
  if (!stream.isTTY || totalBytes <= 0) return SILENT
  const started = performance.now()
  let drawnAt = 0
  let isDrawn = false
  return {
    update(bytes) {
      const now = performance.now()
      if (now - started < 1000 || now - drawnAt < 100) return
      drawnAt = now
      isDrawn = true
      const fraction = Math.min(1, bytes / totalBytes)
      const filled = Math.round(fraction * WIDTH)
      const rate = bytes / 1_048_576 / ((now - started) / 1000)
      const detail = unit === 'bytes' ? `${rate.toFixed(0)} MB/s` : `${bytes} of ${totalBytes}`
      stream.write(
        `\r${label} [${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}%  ${detail}`,
      )
    },
    done() {
      if (isDrawn) stream.write('\r\x1b[K')
    },
  }
}
