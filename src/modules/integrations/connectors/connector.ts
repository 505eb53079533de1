// What a CRM connector is to the sync: it checks credentials, and reads what changed since a cursor as
// flat records, one file per kind (accounts, deals, touches) with named columns, plus the ids removed
// at the source. The sync stages those files through the source's field mapping (the connector's
// default, or one saved for the org), so records are checked exactly as a CSV import's rows are.
import type { z } from 'zod'
import type { ImportKind, ImportMapping, SourceRemovals } from '../../journeys'
import type { Provider } from './connectors.contract'

/** Where an incremental read starts, per object type: the last modification time already read. */
export type Cursor = Record<string, string>

/** A file of records: the columns, then each record's values in that order (null for blank). */
export interface SyncFile {
  kind: ImportKind
  /** How the run's import names the file, e.g. "HubSpot deals". */
  label: string
  columns: string[]
  rows: AsyncIterable<(string | null)[]>
}

export interface SyncReader {
  /** In order: accounts, then deals, then touches (later files name earlier records). */
  files: SyncFile[]
  /** Read after the files: what was removed at the source since the cursor. */
  removals(): Promise<SourceRemovals>
  /** Read last: where the next incremental read starts. */
  cursor(): Cursor
}

export interface ConnectorContext<Credentials, Settings> {
  credentials: Credentials
  settings: Settings
  /** The provider's API base URL (a sandbox or a local stand-in); the provider's own when absent. */
  baseUrl?: string
  /** Null reads everything (a first load or a full sync). */
  cursor: Cursor | null
  /** Whether a company the provider holds is one of the org's partners (by its id or its name). */
  isPartner(ref: { id: string; name: string | null }): boolean
  /** Called with refreshed credentials (an OAuth token renewed), to be kept for the next run. */
  renewCredentials(next: Credentials): Promise<void>
  /** Records read so far, for the run's progress. */
  onFetched(kind: ImportKind, count: number): void
}

/**
 * A provider failure the run stops with: one the user must act on (`reconnect`: a refused token), one
 * that may pass (`transient`: the provider kept failing or limiting after every retry — the run is
 * tried again later), or neither (an answer that will not change by asking again).
 */
export class ConnectorError extends Error {
  constructor(
    message: string,
    readonly reconnect = false,
    readonly transient = false,
  ) {
    super(message)
  }
}

/** One provider's connector: its credentials and settings on the wire, default mapping, check and read. */
export interface Connector<Credentials, Settings> {
  provider: Provider
  label: string
  credentials: z.ZodType<Credentials>
  settings: z.ZodType<Settings>
  /** How its records' columns become the sync's fields, unless the org saved its own mapping. */
  mappings: Record<ImportKind, ImportMapping>
  /** The columns its records offer, by kind (what a mapping may name). */
  columns: Record<ImportKind, string[]>
  /** Checks the credentials with one cheap call; answers what the provider calls the account. */
  check(ctx: ConnectorContext<Credentials, Settings>): Promise<{ account: string | null }>
  read(ctx: ConnectorContext<Credentials, Settings>, startedAt: Date): SyncReader
}
