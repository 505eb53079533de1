// For tests of what follows the facts: a test server whose modules' subscribers (credits by default)
// run on an event bus the test drains, with an org and its admin signed in.

import { creditsModule } from '../modules/credits'
import { EventBus } from '../platform/events'
import { type JobQueue, startJobQueue } from '../platform/jobs'
import type { ModuleDescriptor } from '../platform/module'
import { createModuleDeps } from './deps'
import { type Client, createHarness, type Harness } from './test-harness'

export interface LiveHarness {
  h: Harness
  bus: EventBus
  orgId: string
  admin: Client
  close(): Promise<void>
}

/** `modules`: whose subscribers run on the bus (credits by default; incentives adds what money follows). */
export async function createLiveHarness(
  orgName: string,
  modules: readonly ModuleDescriptor[] = [creditsModule],
): Promise<LiveHarness> {
  const h = await createHarness()
  let queue: JobQueue | undefined
  try {
    queue = await startJobQueue(h.testDb.database)
    const bus = new EventBus(h.testDb.database, queue, h.clock)
    const deps = createModuleDeps(h.testDb.database.db, {
      clock: h.clock,
      secret: 'test-secret-test-secret-test-secret-42',
      publicUrl: 'http://credence.test',
      isDevMail: true,
      signInRateLimit: 100,
      allowPrivateWebhookTargets: true,
    })
    for (const module of modules)
      for (const subscriber of module.subscribers?.(deps) ?? []) bus.subscribe(subscriber)
    const orgId = await h.createOrg(orgName)
    const admin = await h.signIn(orgId, 'admin')
    const started = queue
    return {
      h,
      bus,
      orgId,
      admin,
      async close() {
        await started.stop({ graceful: false, wait: true })
        await h.close()
      },
    }
  } catch (error) {
    await queue?.stop({ graceful: false, wait: true })
    await h.close()
    throw error
  }
}
