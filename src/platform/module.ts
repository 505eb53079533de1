// The shape of a module as the composition roots see it: one descriptor per module, exported from its
// index.ts and listed once in src/modules/registry.ts. HTTP, the worker and the CLI walk that list.
import type { Db } from '../db/client'
import type { Clock } from './clock'
import type { EventSignal } from './event-signal'
import type { Subscriber } from './events'
import type { App } from './http'
import type { FileStorage } from './storage'

/** Finds partners for modules that come before partners in the order (identity shows partner names). */
export interface PartnerDirectory {
  findPartner(orgId: string, partnerId: string): Promise<{ id: string; name: string } | null>
}

/** Everything a module's routes, subscribers, jobs and commands may use: the one way deps are passed. */
export interface ModuleDeps {
  db: Db
  clock: Clock
  /** Signs invitation links and other tokens. */
  secret: string
  /** Base URL for links in mail, e.g. https://partners.example.com */
  publicUrl: string
  /** Mail is kept for the dev mail view (no SMTP server configured). */
  isDevMail: boolean
  /** Sign-in attempts allowed per client address per minute. */
  signInRateLimit: number
  partners: PartnerDirectory
  /** Wakes whoever waits for an org's next committed event (live streams). */
  eventSignal: EventSignal
  /** Uploaded files (ticket attachments): a local folder, or another store behind the same interface. */
  files: FileStorage
  /** Webhook endpoints may name internal addresses (local trials and tests; WEBHOOK_ALLOW_PRIVATE_TARGETS). */
  allowPrivateWebhookTargets?: boolean
  /** Single sign-on may use an http issuer on this machine (local trials and tests; SSO_ALLOW_INSECURE_ISSUERS). */
  allowInsecureSsoIssuers?: boolean
  /** Stripe for partner payouts, when configured (STRIPE_SECRET_KEY). */
  stripe?: { apiKey: string; url?: string }
}

/** A background job: run on a schedule (cron) by the worker, or sent by a module. */
export interface ModuleJob {
  name: string
  /** Cron expression, e.g. '15 3 * * *'; omit for jobs that are only sent. */
  cron?: string
  /** A run that throws is tried again this many times, waiting `delaySeconds` and doubling each time. */
  retry?: { limit: number; delaySeconds: number }
  run(deps: ModuleDeps, data: Record<string, unknown>): Promise<void>
}

/**
 * Work a module keeps doing in the background process, every `everyMs` (never two runs at once in one
 * process; several processes may run it side by side, so the work claims its rows).
 */
export interface ModuleLoop {
  name: string
  everyMs: number
  run(deps: ModuleDeps): Promise<void>
}

/** What the command line offers a running command besides its options. */
export interface CommandIo {
  /** A progress bar on standard error (drawn only on a terminal, for work over a second). */
  progress(label: string, totalBytes: number): { update(done: number): void; done(): void }
}

/** A `credence` sub-command a module adds; the CLI opens the database and passes deps. */
export interface ModuleCommand {
  /** Words after `credence`, e.g. ['users', 'create']. */
  path: readonly string[]
  /** What the group of the first word is for, e.g. 'manage users'. */
  group?: string
  description: string
  options: readonly { flags: string; description: string; required?: boolean; choices?: readonly string[] }[]
  /** Options by name; a flag without a value (`--dry-run`) reads 'true'. */
  run(deps: ModuleDeps, options: Record<string, string | undefined>, io?: CommandIo): Promise<string>
}

export interface ModuleDescriptor {
  name: string
  /** Registers the module's routes under /api/v1. */
  routes?(app: App, deps: ModuleDeps): void
  subscribers?(deps: ModuleDeps): Subscriber[]
  jobs?: readonly ModuleJob[]
  loops?: readonly ModuleLoop[]
  /** Permission name → the roles that hold it (the module checks them; listed for docs and tests). */
  permissions?: Readonly<Record<string, readonly string[]>>
  /** Id prefixes the module's records use; no two modules may share one. */
  idPrefixes?: Readonly<Record<string, string>>
  /** Event types the module publishes. */
  events?: readonly string[]
  commands?: readonly ModuleCommand[]
}
