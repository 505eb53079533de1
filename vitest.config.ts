import { defineConfig } from 'vitest/config'

// Every database suite runs on embedded PGlite, and again on PostgreSQL when TEST_DATABASE_URL is set.
const databaseSuites = ['src/{db,platform,modules,http}/**/*.test.ts', 'src/cli/*.test.ts']
const pureSuites = [
  'src/attribution/**/*.test.ts',
  'src/money/**/*.test.ts',
  'src/platform/env.test.ts',
  'src/architecture.test.ts',
  'src/modules/registry.test.ts',
  'src/cli/attribute.command.test.ts',
  'src/cli/attribute-credits.test.ts',
  'src/cli/module-commands.test.ts',
  'bench/**/*.test.ts',
  'web/src/**/*.test.ts',
]

// With a PostgreSQL server at hand (CI, TEST_DATABASE_URL), every database suite runs on it, and on the
// embedded database only the suites of what works differently there: the CLI and the demo it serves,
// migrations, bulk copy and imports, events with their signal and the caches that follow it, live
// credit, and the commission sync's single lane (ADR 0015). Without one, all run on the embedded database.
const embeddedSuites = [
  'src/cli/*.test.ts',
  'src/db/*.test.ts',
  'src/platform/{bulk-copy,events,org-cache,storage}.test.ts',
  'src/modules/journeys/import*.test.ts',
  'src/modules/credits/{credits.live,credits.sse}.test.ts',
  'src/modules/incentives/ledger.test.ts',
]

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // a worker imports the app once and runs its files in turn; each file opens its own database (ADR 0016)
    isolate: false,
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'unit', include: pureSuites } },
      {
        extends: true,
        test: {
          name: 'pglite',
          include: process.env.TEST_DATABASE_URL ? embeddedSuites : databaseSuites,
          exclude: pureSuites,
          env: { CREDENCE_TEST_DB: 'pglite' },
        },
      },
      ...(process.env.TEST_DATABASE_URL
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                include: databaseSuites,
                // the CLI suite drives the embedded database through the real command
                exclude: [...pureSuites, 'src/cli/cli.test.ts'],
                env: { CREDENCE_TEST_DB: 'postgres' },
                globalSetup: ['src/db/test-db.global.ts'],
              },
            },
          ]
        : []),
    ],
  },
})
