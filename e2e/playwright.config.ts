// Browser tests against a running Credence server (BASE_URL), driving Debian's Chromium.
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defineConfig } from '@playwright/test'

const isCi = process.env.CI === 'true'

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  outputDir: join(tmpdir(), 'credence-e2e-results'),
  fullyParallel: false,
  workers: 1,
  retries: isCi ? 1 : 0,
  forbidOnly: isCi,
  timeout: 90_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  use: {
    baseURL: process.env.BASE_URL ?? 'http://127.0.0.1:3000',
    browserName: 'chromium',
    locale: 'en-US',
    timezoneId: 'UTC',
    // as a person who asks for less motion: no transitions or chart animations to render frame by frame
    reducedMotion: 'reduce',
    // recorded on the retry of a failed test, so passing tests pay nothing for it
    trace: 'on-first-retry',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    },
  },
})
