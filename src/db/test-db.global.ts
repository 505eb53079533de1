// After a PostgreSQL test run, drop the migrated template the test databases were cloned from.
import { dropPostgresTemplate } from './test-db'

export default function setup() {
  return () => dropPostgresTemplate()
}
