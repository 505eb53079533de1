import { defineConfig } from 'drizzle-kit'

export default defineConfig({
  dialect: 'postgresql',
  // every module's own tables: a new module's *.tables.ts is picked up without a central list
  schema: ['./src/platform/*.tables.ts', './src/modules/*/*.tables.ts', './src/modules/*/*/*.tables.ts'],
  out: './src/db/migrations',
})
