// Every table, re-exported for drizzle-kit; each module owns its own *.tables.ts.
export * from '../modules/identity/identity.tables'
export * from '../modules/journeys/journeys.tables'
export * from '../modules/partners/partners.tables'
export * from '../platform/platform.tables'
