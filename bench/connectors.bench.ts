// A CRM connector as a user runs it: `credence serve --demo` as its own process (embedded database,
// then PostgreSQL), HubSpot connected through the API to a local HubSpot in this process holding a
// large portal (BENCH_CRM_DEALS deals, 100,000 by default, with 10 activities each and a company for
// every 10), then:
// - the first load: from the sync's start to its end (read over HTTP page by page, staged, committed);
//   target under 5 minutes for 100k deals and 1M activities;
// - an incremental sync of 1,000 changes (500 deals changed, 500 new activities); target under 10 s.
// Timed by polling the run (GET /syncs/{id}) every 200 ms, so figures are at most that much long.
import { HubSpotFake } from '../src/modules/integrations/connectors/hubspot/hubspot-fake.test-support'
import {
  freePort,
  get,
  onBothDatabases,
  type Session,
  signIn,
  startServer,
  stopServer,
  waitForQuiet,
} from './serve-process'
import { peakRssMb } from './timing'

const deals = Number(process.env.BENCH_CRM_DEALS ?? 100_000)
const activitiesPerDeal = 10
const token = 'pat-bench-token-0000'

interface Run {
  id: string
  status: string
  error: string | null
  fetched: Record<string, number>
  importId: string | null
  result: {
    deals: { inserted: number; updated: number }
    touches: { inserted: number; updated: number }
    problems: number
  } | null
}

async function send<T>(session: Session, method: string, path: string, body: unknown): Promise<T> {
  const response = await fetch(`${session.base}/api/v1${path}`, {
    method,
    headers: session.headers,
    body: JSON.stringify(body),
  })
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`)
  return (await response.json()) as T
}

/** Follows a run to its end; answers it and the seconds it took from the request. */
async function follow(
  session: Session,
  id: string,
  started: number,
): Promise<{ run: Run; seconds: number; unanswered: number }> {
  // a server on the embedded database answers nothing while one long transaction runs: count the polls
  // it let go unanswered (each waits up to fetch's five minutes) and ask again
  let unanswered = 0
  for (;;) {
    const run = await get<Run>(session, `/syncs/${id}`).catch((error: Error) => {
      if (++unanswered > 12) throw error
      return null
    })
    if (!run) continue
    if (run.status === 'done' || run.status === 'failed')
      return { run, seconds: Math.round((performance.now() - started) / 100) / 10, unanswered }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

// HubSpot's ids are numbers; each type has its own range here
const companyId = (i: number) => String(1_000_000_000 + i)
const dealId = (i: number) => String(2_000_000_000 + i)

/** A portal of `deals` deals, a company for every 10, and 10 meetings and calls on each deal. */
function largePortal(fake: HubSpotFake): void {
  const at = new Date(Date.now() - 86_400_000)
  const companies = Math.ceil(deals / 10)
  const owner = fake.addOwner('ae@vendor.example', 'Alex', 'Seller')
  fake.generate('companies', companies, at, (i) => ({
    id: companyId(i),
    properties: {
      name: `Customer ${i}`,
      domain: `customer-${i}.example`,
      country: 'US',
      industry: 'Software',
    },
  }))
  const stages = ['closedwon', 'closedlost', 'contractsent', 'appointmentscheduled']
  fake.generate('deals', deals, at, (i) => ({
    id: dealId(i),
    properties: {
      dealname: `Deal ${i}`,
      amount: String(1000 + (i % 50) * 250),
      dealstage: stages[i % 4]!,
      dealtype: i % 5 === 0 ? 'existingbusiness' : 'newbusiness',
      createdate: '2025-01-01T00:00:00Z',
      closedate: '2025-06-01T00:00:00Z',
      hubspot_owner_id: owner.id,
      // a demo partner on a third of the deals
      partner: i % 3 === 0 ? 'Harbor Systems' : null,
    },
    associations: { companies: [companyId(Math.floor(i / 10))] },
  }))
  for (const [type, title, base] of [
    ['meetings', 'hs_meeting_title', 3_000_000_000],
    ['calls', 'hs_call_title', 4_000_000_000],
  ] as const)
    fake.generate(type, (deals * activitiesPerDeal) / 2, at, (i) => ({
      id: String(base + i),
      properties: {
        [title]: `Touch ${i}`,
        hs_timestamp: '2025-02-01T00:00:00Z',
        hubspot_owner_id: owner.id,
      },
      associations: { deals: [dealId(i % deals)], companies: [companyId(Math.floor((i % deals) / 10))] },
    }))
}

async function measure(args: string[], env: Record<string, string>, database: string) {
  const fake = new HubSpotFake(token)
  const apiUrl = await fake.start()
  largePortal(fake)
  const port = await freePort()
  const server = await startServer(['--demo', '--port', String(port), ...args], env)
  // the server's last words, should it stop answering
  let said = ''
  const keep = (chunk: Buffer) => {
    said = (said + chunk.toString()).slice(-3000)
  }
  server.stdout?.on('data', keep)
  server.stderr?.on('data', keep)
  let exited: string | null = null
  server.on('exit', (code, signal) => {
    exited = `exited with ${code ?? signal}`
  })
  try {
    const session = await signIn(`http://127.0.0.1:${port}`)
    const started = performance.now()
    const connected = new Date().toISOString()
    const connection = await send<{ latestRun: { id: string } }>(session, 'PUT', '/connections/hubspot', {
      credentials: { kind: 'private_app', accessToken: token },
      baseUrl: apiUrl,
    })
    const first = await follow(session, connection.latestRun.id, started)
    if (first.run.status !== 'done') throw new Error(`first load: ${first.run.error}`)
    // the org-wide recompute the load asked for (and the commission sync after it) runs first, as a
    // user would find the server: wait for one made after the load, then for quiet
    const settling = performance.now()
    for (let i = 0; i < 3600; i++) {
      const { items } = await get<{ items: { createdAt: string }[] }>(
        session,
        '/attribution/recompute',
      ).catch(() => ({ items: [] }))
      if (items.some((job) => job.createdAt >= connected)) break
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
    await waitForQuiet(session, ['/attribution/recompute', '/incentives/sync'])
    const settleSeconds = Math.round((performance.now() - settling) / 100) / 10
    // 1,000 changes made after the first load: 500 deals change amount, 500 meetings are new
    fake.now = () => new Date()
    for (let i = 0; i < 500; i++) {
      const deal = fake.take('deals', (i * 7) % deals)
      fake.update('deals', deal.id, { amount: String(9000 + i) })
      fake.add(
        'meetings',
        { hs_meeting_title: `New ${i}`, hs_timestamp: new Date().toISOString() },
        { deals: [dealId((i * 11) % deals)], companies: [] },
      )
    }
    const again = performance.now()
    const run = await send<{ id: string }>(session, 'POST', '/connections/hubspot/syncs', {})
    const incremental = await follow(session, run.id, again)
    const problems = async (r: Run) =>
      r.importId && (r.result?.problems ?? 0) > 0
        ? (
            await get<{ items: { message: string }[] }>(session, `/imports/${r.importId}/problems?limit=3`)
          ).items.map((p) => p.message)
        : []
    return {
      run: `HubSpot first load of ${deals} deals and ${deals * activitiesPerDeal} activities, then 1,000 changes, ${database}`,
      firstLoadSeconds: first.seconds,
      firstLoadTarget: 300,
      firstLoad: first.run.result,
      firstLoadProblems: await problems(first.run),
      firstLoadUnansweredPolls: first.unanswered,
      requests: fake.requests.length,
      recomputeAfterLoadSeconds: settleSeconds,
      incrementalSeconds: incremental.seconds,
      incrementalTarget: 10,
      incremental: incremental.run.status === 'done' ? incremental.run.result : incremental.run.error,
      incrementalProblems: await problems(incremental.run),
    }
  } catch (error) {
    return { run: `HubSpot sync, ${database}`, error: String(error), server: exited ?? 'running', said }
  } finally {
    if (!exited) await stopServer(server)
    await fake.stop()
  }
}

export async function runConnectorsBench() {
  const figures = await onBothDatabases(measure)
  return { figures, peakRssMb: peakRssMb() }
}
