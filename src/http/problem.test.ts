// Bad requests get a clear problem+json answer naming the field: never a 500, never a partial write.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, createHarness, type Harness } from './test-harness'

describe('problem+json answers', () => {
  let h: Harness
  let admin: Client
  beforeAll(async () => {
    h = await createHarness()
    admin = await h.signIn(await h.createOrg('problems'), 'admin')
  })
  afterAll(async () => h?.close())

  const partnerCount = async () => (await admin.get('/api/v1/partners?limit=200')).json().items.length

  it('answers malformed JSON with 400', async () => {
    const res = await admin.request('POST', '/api/v1/partners', '{"name": "broken', {
      'content-type': 'application/json',
    })
    expect(res.statusCode).toBe(400)
    expect(res.headers['content-type']).toContain('application/problem+json')
    expect(res.json()).toMatchObject({
      status: 400,
      title: 'Bad request',
      detail: expect.stringMatching(/JSON/),
    })
  })

  it('names each field with a wrong type', async () => {
    const res = await admin.post('/api/v1/partners', { name: 42, type: 'referral', tags: 'not-a-list' })
    expect(res.statusCode).toBe(400)
    expect(
      res
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['name', 'tags'])
  })

  it('names bad query parameters', async () => {
    const res = await admin.get('/api/v1/partners?limit=5000&status=sleeping')
    expect(res.statusCode).toBe(400)
    expect(
      res
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(['query.limit', 'query.status'])
  })

  it('answers an oversize body with 413 and writes nothing', async () => {
    const before = await partnerCount()
    const res = await admin.post('/api/v1/partners', {
      name: 'Big',
      type: 'referral',
      notes: 'x'.repeat(2 * 1024 * 1024),
    })
    expect(res.statusCode).toBe(413)
    expect(res.json().status).toBe(413)
    expect(await partnerCount()).toBe(before)
  })

  it('answers an unknown id with 404 naming it', async () => {
    const res = await admin.get('/api/v1/partners/prt_doesnotexist')
    expect(res.statusCode).toBe(404)
    expect(res.json().detail).toBe('Partner prt_doesnotexist not found')
  })

  it('answers an unknown route with 404 problem+json', async () => {
    const res = await admin.get('/api/v1/nothing-here')
    expect(res.statusCode).toBe(404)
    expect(res.json().detail).toBe('No route GET /api/v1/nothing-here')
  })

  it('answers a wrong content type with 415', async () => {
    const res = await admin.request('POST', '/api/v1/partners', '<partner/>', {
      'content-type': 'application/xml',
    })
    expect(res.statusCode).toBe(415)
  })

  it('rolls back a write that fails half way: no partner without its contacts', async () => {
    const before = await partnerCount()
    const res = await admin.post('/api/v1/partners', {
      name: 'Half',
      type: 'referral',
      contacts: [
        { name: 'A', isPrimary: true },
        { name: 'B', isPrimary: true },
      ],
    })
    expect(res.statusCode).toBe(422)
    expect(res.json().errors[0].path).toBe('contacts')
    expect(await partnerCount()).toBe(before)
  })
})

describe('service endpoints', () => {
  let h: Harness
  beforeAll(async () => {
    h = await createHarness()
  })
  afterAll(async () => h?.close())

  it('serves an OpenAPI 3.1 document describing the API', async () => {
    const res = await h.anonymous().get('/api/v1/openapi.json')
    expect(res.statusCode).toBe(200)
    const spec = res.json()
    expect(spec.openapi).toBe('3.1.0')
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/auth/login',
        '/api/v1/partners',
        '/api/v1/deals/{id}',
        '/api/v1/touchpoints',
      ]),
    )
    expect(spec.paths['/api/v1/partners'].post.requestBody).toBeDefined()
  })

  it('serves the API reference at /docs', async () => {
    const res = await h.anonymous().get('/docs/')
    expect(res.statusCode).toBe(200)
    expect(res.body).toContain('<html')
  })

  it('answers /healthz after checking the database', async () => {
    const res = await h.anonymous().get('/healthz')
    expect(res.json()).toEqual({ ok: true })
  })
})
