import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHarness, type Harness } from './test-harness'

interface Operation {
  summary?: string
  description?: string
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> }
}

interface WebhookBody {
  required: string[]
  properties: { type: { const: string }; data: { properties: Record<string, unknown> } }
}

// The API reference is how integrators learn the API: every operation explains itself, the shapes
// have names, and the main writes carry examples.
describe('the OpenAPI document', () => {
  let h: Harness
  let doc: {
    paths: Record<string, Record<string, Operation>>
    webhooks: Record<string, { post: { requestBody: { content: Record<string, { schema: WebhookBody }> } } }>
    components: { schemas: Record<string, { examples?: unknown[] }> }
  }
  beforeAll(async () => {
    h = await createHarness()
    doc = (await h.anonymous().get('/api/v1/openapi.json')).json()
  })
  afterAll(async () => h?.close())

  it('documents every webhook event with its envelope and the schema of its payload', () => {
    const body = (type: string) => doc.webhooks[type]!.post.requestBody.content['application/json']!.schema
    expect(body('credit.changed').properties.type).toEqual({ const: 'credit.changed' })
    expect(Object.keys(body('credit.changed').properties.data.properties)).toEqual(
      expect.arrayContaining(['dealId', 'modelId', 'before', 'after']),
    )
    expect(body('tier.changed').required).toEqual(
      expect.arrayContaining(['id', 'type', 'apiVersion', 'data']),
    )
    expect(Object.keys(doc.webhooks)).not.toContain('attribution.recompute_requested')
  })

  it('gives every operation a summary and a description', () => {
    const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })),
    )
    expect(operations.length).toBeGreaterThan(30)
    const undocumented = operations
      .filter(({ op }) => !op.summary || !op.description || op.description.length < 30)
      .map(({ name }) => name)
    expect(undocumented).toEqual([])
  })

  it('names its shapes as components and refers to them', () => {
    for (const name of [
      'Problem',
      'Money',
      'Partner',
      'Deal',
      'DealSummary',
      'Touchpoint',
      'User',
      'NewDealInput',
    ])
      expect(Object.keys(doc.components.schemas)).toContain(name)
    expect(JSON.stringify(doc.paths['/api/v1/deals'])).toContain('#/components/schemas/Deal')
  })

  it.each(['NewPartnerInput', 'NewAccountInput', 'NewDealInput', 'NewTouchInput', 'NewInvitationInput'])(
    'gives the write %s an example',
    (name) => {
      expect(doc.components.schemas[name]?.examples?.length).toBeGreaterThan(0)
    },
  )
})
