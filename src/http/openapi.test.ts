import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHarness, type Harness } from './test-harness'

interface Operation {
  summary?: string
  description?: string
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> }
}

// The API reference is how integrators learn the API: every operation explains itself, the shapes
// have names, and the main writes carry examples.
describe('the OpenAPI document', () => {
  let h: Harness
  let doc: {
    paths: Record<string, Record<string, Operation>>
    components: { schemas: Record<string, { examples?: unknown[] }> }
  }
  beforeAll(async () => {
    h = await createHarness()
    doc = (await h.anonymous().get('/api/v1/openapi.json')).json()
  })
  afterAll(async () => h?.close())

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
