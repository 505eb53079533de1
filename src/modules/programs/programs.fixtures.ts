// Programs' records and routes for the API suites that span every route.
import { created, type ModuleFixture } from '../../platform/fixtures'

const definition = {
  mode: 'review',
  graceDays: 30,
  currency: 'USD',
  levels: [
    { key: 'member', name: 'Member', criteria: [] },
    { key: 'gold', name: 'Gold', criteria: [{ kind: 'attributed_revenue', minMinor: '100000' }] },
  ],
}

const healthSettings = {
  windowDays: 60,
  highActivityTouches: 10,
  minClosedDeals: 3,
  freshDays: 7,
  staleDays: 45,
  bands: { healthyMin: 75, atRiskBelow: 35 },
  weights: {
    revenue_trend: 30,
    activity_attribution: 25,
    win_rate: 20,
    recency: 10,
    certifications: 5,
    disputes: 10,
  },
}

const territoryBody = (ids: Readonly<Record<string, string>>, name: string) => ({
  name,
  ownerUserId: ids.user!,
  partnerIds: [ids.partner!],
  countries: ['DE', 'FR'],
  industries: ['Software'],
  namedAccounts: ['fixture-account.example'],
})

const course = (title: string) => ({
  title,
  summary: 'How to sell the platform',
  lessons: [
    {
      title: 'Who buys it',
      body: '## The buyer\n\nRevenue operations leads.',
      links: [{ label: 'Stories', url: 'https://example.com/stories' }],
      files: [{ name: 'Deck', url: 'https://example.com/deck.pdf' }],
    },
  ],
  quiz: {
    passMarkPercent: 100,
    questions: [
      {
        prompt: 'Who buys it?',
        choices: [
          { text: 'Revenue operations', isCorrect: true },
          { text: 'Facilities', isCorrect: false },
        ],
      },
    ],
  },
  certification: { name: 'Fixture Certified Seller', validityMonths: 12 },
})

const workflow = (name: string) => ({
  name,
  audience: { types: [], tags: [] },
  steps: [
    {
      kind: 'agreement',
      title: 'Accept the partner agreement',
      documentTitle: 'Partner agreement',
      documentText: 'The partner resells the platform on these terms.',
      dueInDays: 7,
    },
    { kind: 'custom', title: 'Book a kickoff call', confirmedBy: 'partner' },
  ],
})

const supportSettings = {
  targets: {
    low: { firstResponseHours: 48, resolutionHours: 240 },
    normal: { firstResponseHours: 24, resolutionHours: 120 },
    high: { firstResponseHours: 8, resolutionHours: 48 },
    urgent: { firstResponseHours: 1, resolutionHours: 12 },
  },
  warnHours: 4,
  teamEmail: 'support@fixture.example',
}

const ticket = (ids: Readonly<Record<string, string>>, subject: string) => ({
  partnerId: ids.partner!,
  subject,
  category: 'commission',
  priority: 'high',
  message: 'The commission for the last deal looks short.',
})

const attachment = {
  name: 'statement.txt',
  contentType: 'text/plain',
  contentBase64: Buffer.from('line 1: 2500 USD').toString('base64'),
}

export const programsFixture: ModuleFixture = {
  async seed(client, ids) {
    const ladder = await created(
      client.post('/api/v1/programs/ladders', { name: 'Fixture ladder', definition }),
      'tier ladder',
    )
    const evaluation = await created(client.post('/api/v1/programs/evaluations', {}), 'tier evaluation')
    // the review ladder proposes the entry level for the fixture partner
    await created(
      client.post(`/api/v1/programs/partners/${ids.partner}/tier/evaluate`, {}),
      'tier evaluation',
    )
    const proposals = (await client.get('/api/v1/programs/proposals')).json<{ items: { id: string }[] }>()
    if (!proposals.items[0]) throw new Error('fixture tier proposal: none was made')
    const territory = await created(
      client.post('/api/v1/programs/territories', territoryBody(ids, 'Fixture territory')),
      'territory',
    )
    const draft = await created(client.post('/api/v1/programs/courses', course('Fixture course')), 'course')
    await created(client.post(`/api/v1/programs/courses/${draft.id}/publish`, {}), 'course publication')
    const published = (await client.get(`/api/v1/programs/courses/${draft.id}`)).json<{
      lessons: { id: string }[]
      quiz: { questions: { id: string }[] }
    }>()
    const lesson = published.lessons[0]!.id
    const question = published.quiz.questions[0]!.id
    await created(client.post(`/api/v1/programs/courses/${draft.id}/lessons/${lesson}/open`, {}), 'lesson')
    const attempt = await created(
      client.post(`/api/v1/programs/courses/${draft.id}/attempts`, {
        answers: [{ questionId: question, choices: [0] }],
      }),
      'quiz attempt',
    )
    const onboarding = await created(
      client.post('/api/v1/programs/onboarding/workflows', workflow('Fixture onboarding')),
      'onboarding workflow',
    )
    await created(
      client.post(`/api/v1/programs/onboarding/workflows/${onboarding.id}/publish`, {}),
      'onboarding publication',
    )
    const steps = (
      (await client.get(`/api/v1/programs/onboarding/workflows/${onboarding.id}`)).json() as unknown as {
        steps: { id: string; documentHash: string | null }[]
      }
    ).steps
    await created(client.post('/api/v1/programs/health/recompute', {}), 'health scores')
    const opened = (await created(
      client.post('/api/v1/programs/support/tickets', ticket(ids, 'Fixture ticket')),
      'support ticket',
    )) as unknown as { id: string; messages: { id: string }[] }
    const file = await created(
      client.post(
        `/api/v1/programs/support/tickets/${opened.id}/messages/${opened.messages[0]!.id}/attachments`,
        attachment,
      ),
      'ticket attachment',
    )
    await created(
      client.post(`/api/v1/programs/support/tickets/${opened.id}/notes`, { message: 'Checking the plan.' }),
      'ticket note',
    )
    const qbr = await created(
      client.post(`/api/v1/programs/partners/${ids.partner}/qbrs`, {
        quarter: '2026-Q2',
        goals: [{ text: 'Two joint webinars' }],
      }),
      'business review',
    )
    await created(client.put(`/api/v1/programs/qbrs/${qbr.id}/share`, { isShared: true }), 'shared review')
    const qbrRun = await created(
      client.post('/api/v1/programs/qbr-runs', { quarter: '2026-Q1' }),
      'review run',
    )
    return {
      ticket: opened.id,
      ticketMessage: opened.messages[0]!.id,
      ticketAttachment: file.id!,
      qbr: qbr.id!,
      qbrRun: qbrRun.id!,
      onboardingWorkflow: onboarding.id!,
      onboardingAgreement: steps[0]!.id,
      onboardingDocumentHash: steps[0]!.documentHash!,
      onboardingCustomStep: steps[1]!.id,
      course: draft.id!,
      lesson,
      question,
      quizAttempt: attempt.id!,
      ladder: ladder.id!,
      tierEvaluation: evaluation.id!,
      tierProposal: proposals.items[0].id,
      territory: territory.id!,
    }
  },
  routes: (ids) => ({
    'POST /api/v1/programs/ladders': { body: { name: 'Another ladder', definition } },
    'POST /api/v1/programs/ladders/preview': { body: { ladderId: ids.ladder!, definition } },
    'GET /api/v1/programs/ladders/{id}': { params: { id: ids.ladder! } },
    'PATCH /api/v1/programs/ladders/{id}': { params: { id: ids.ladder! }, body: { name: 'Renamed ladder' } },
    'GET /api/v1/programs/evaluations/{id}': { params: { id: ids.tierEvaluation! } },
    'POST /api/v1/programs/proposals/{id}/approve': { params: { id: ids.tierProposal! }, body: {} },
    'POST /api/v1/programs/proposals/{id}/reject': {
      params: { id: ids.tierProposal! },
      body: { reason: 'Not this quarter' },
    },
    'POST /api/v1/programs/territories': { body: territoryBody(ids, 'Another territory') },
    'GET /api/v1/programs/territories/{id}': { params: { id: ids.territory! } },
    'PATCH /api/v1/programs/territories/{id}': {
      params: { id: ids.territory! },
      body: { name: 'Renamed territory', regions: ['DACH'] },
    },
    'DELETE /api/v1/programs/territories/{id}': { params: { id: ids.territory! } },
    'GET /api/v1/programs/partners/{id}/tier': { params: { id: ids.partner! } },
    'POST /api/v1/programs/courses': { body: course('Another course') },
    'GET /api/v1/programs/courses/{id}': { params: { id: ids.course! } },
    'PATCH /api/v1/programs/courses/{id}': {
      params: { id: ids.course! },
      body: { title: 'Renamed course', summary: 'Shorter' },
    },
    'POST /api/v1/programs/courses/{id}/publish': { params: { id: ids.course! } },
    'POST /api/v1/programs/courses/{id}/archive': { params: { id: ids.course! } },
    'GET /api/v1/programs/courses/{id}/progress': { params: { id: ids.course! } },
    'POST /api/v1/programs/courses/{id}/lessons/{lessonId}/open': {
      params: { id: ids.course!, lessonId: ids.lesson! },
    },
    'POST /api/v1/programs/courses/{id}/attempts': {
      params: { id: ids.course! },
      body: { answers: [{ questionId: ids.question!, choices: [1] }] },
    },
    'GET /api/v1/programs/partners/{id}/training': { params: { id: ids.partner! } },
    'POST /api/v1/programs/partners/{id}/tier/evaluate': { params: { id: ids.partner! } },
    'POST /api/v1/programs/onboarding/workflows': { body: workflow('Another onboarding') },
    'GET /api/v1/programs/onboarding/workflows/{id}': { params: { id: ids.onboardingWorkflow! } },
    'PATCH /api/v1/programs/onboarding/workflows/{id}': {
      params: { id: ids.onboardingWorkflow! },
      body: { name: 'Renamed onboarding', audience: { types: ['reseller'], tags: ['emea'] } },
    },
    'POST /api/v1/programs/onboarding/workflows/{id}/publish': { params: { id: ids.onboardingWorkflow! } },
    'POST /api/v1/programs/onboarding/workflows/{id}/archive': { params: { id: ids.onboardingWorkflow! } },
    'GET /api/v1/programs/onboarding/workflows/{id}/progress': { params: { id: ids.onboardingWorkflow! } },
    'GET /api/v1/programs/partners/{id}/onboarding': { params: { id: ids.partner! } },
    'POST /api/v1/programs/onboarding/workflows/{id}/partners/{partnerId}/steps/{stepId}/accept': {
      params: { id: ids.onboardingWorkflow!, partnerId: ids.partner!, stepId: ids.onboardingAgreement! },
      body: { documentHash: ids.onboardingDocumentHash! },
    },
    'POST /api/v1/programs/onboarding/workflows/{id}/partners/{partnerId}/steps/{stepId}/confirm': {
      params: { id: ids.onboardingWorkflow!, partnerId: ids.partner!, stepId: ids.onboardingCustomStep! },
    },
    'DELETE /api/v1/programs/onboarding/workflows/{id}/partners/{partnerId}/steps/{stepId}/confirm': {
      params: { id: ids.onboardingWorkflow!, partnerId: ids.partner!, stepId: ids.onboardingCustomStep! },
    },
    'PUT /api/v1/programs/health/settings': { body: healthSettings },
    'GET /api/v1/programs/partners/{id}/health': { params: { id: ids.partner! } },
    'PUT /api/v1/programs/leaderboard/settings': {
      body: { enabled: true, periodMonths: 3, showAmounts: true, size: 10 },
    },
    'PUT /api/v1/programs/leaderboard/membership': { body: { joined: true } },
    'POST /api/v1/programs/support/tickets': { body: ticket(ids, 'Another ticket') },
    'GET /api/v1/programs/support/tickets/{id}': { params: { id: ids.ticket! } },
    'PATCH /api/v1/programs/support/tickets/{id}': {
      params: { id: ids.ticket! },
      body: { priority: 'urgent', status: 'pending_vendor' },
    },
    'POST /api/v1/programs/support/tickets/{id}/messages': {
      params: { id: ids.ticket! },
      body: { message: 'We are looking at the plan.' },
    },
    'POST /api/v1/programs/support/tickets/{id}/notes': {
      params: { id: ids.ticket! },
      body: { message: 'The plan changed in May.' },
    },
    'POST /api/v1/programs/support/tickets/{id}/messages/{messageId}/attachments': {
      params: { id: ids.ticket!, messageId: ids.ticketMessage! },
      body: attachment,
    },
    'GET /api/v1/programs/support/attachments/{id}': { params: { id: ids.ticketAttachment! } },
    'PUT /api/v1/programs/support/settings': { body: supportSettings },
    'POST /api/v1/programs/partners/{id}/qbrs': {
      params: { id: ids.partner! },
      body: { quarter: '2026-Q1', goals: [{ text: 'Grow pipeline', metric: 'won_deals', targetMinor: '3' }] },
    },
    'GET /api/v1/programs/qbrs/{id}': { params: { id: ids.qbr! } },
    'GET /api/v1/programs/qbrs/{id}/pdf': { params: { id: ids.qbr! } },
    'PUT /api/v1/programs/qbrs/{id}/goals': {
      params: { id: ids.qbr! },
      body: { goals: [{ text: 'Certify two sellers', metric: 'certifications', targetMinor: '2' }] },
    },
    'PUT /api/v1/programs/qbrs/{id}/share': { params: { id: ids.qbr! }, body: { isShared: false } },
    'POST /api/v1/programs/qbr-runs': { body: { quarter: '2025-Q4' } },
    'GET /api/v1/programs/qbr-runs/{id}': { params: { id: ids.qbrRun! } },
  }),
  lists: [
    '/api/v1/programs/ladders',
    '/api/v1/programs/evaluations',
    '/api/v1/programs/proposals',
    '/api/v1/programs/tiers',
    '/api/v1/programs/tiers/summary',
    '/api/v1/programs/territories',
    '/api/v1/programs/courses',
    '/api/v1/programs/onboarding/workflows',
    '/api/v1/programs/health',
    '/api/v1/programs/health?band=at_risk&sort=-score',
    '/api/v1/programs/health/settings',
    '/api/v1/programs/leaderboard',
    '/api/v1/programs/leaderboard/settings',
    '/api/v1/programs/qbrs',
    '/api/v1/programs/qbrs?quarter=2026-Q2',
    '/api/v1/programs/qbr-runs',
    '/api/v1/programs/courses?status=published',
    '/api/v1/programs/certificates',
    '/api/v1/programs/certificates?status=valid',
    '/api/v1/programs/territories/match?country=DE&industry=Software&domain=fixture-account.example',
    '/api/v1/programs/support/tickets',
    '/api/v1/programs/support/tickets?status=active&sla=breached&sort=resolutionDueAt',
    '/api/v1/programs/support/tickets/counts',
    '/api/v1/programs/support/settings',
  ],
}
