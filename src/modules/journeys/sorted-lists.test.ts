import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Client, createHarness, type Harness } from '../../http/test-harness'

// Lists sort by any allowed column, page without skipping or repeating rows, and say how many match.
describe('sorted, counted lists', () => {
  let h: Harness
  let staff: Client
  const amounts = ['300.00', '100.00', '250.00', '100.00', '999.99', '5.00', '42.00']
  beforeAll(async () => {
    h = await createHarness()
    const orgId = await h.createOrg('sorting')
    staff = await h.signIn(orgId, 'admin')
    for (const [i, amount] of amounts.entries())
      await staff.post('/api/v1/deals', {
        name: `Deal ${String.fromCharCode(72 - i)}`,
        amount,
        currency: 'EUR',
      })
    for (const name of ['Zeta', 'alpha', 'Mu'])
      await staff.post('/api/v1/partners', { name, type: 'referral' })
  })
  afterAll(async () => h?.close())

  async function readAll(path: string): Promise<{ items: Record<string, unknown>[]; totals: number[] }> {
    const items: Record<string, unknown>[] = []
    const totals: number[] = []
    let cursor: string | null = null
    do {
      const sep = path.includes('?') ? '&' : '?'
      const res = await staff.get(`${path}${sep}limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      expect(res.statusCode).toBe(200)
      const page = res.json()
      items.push(...page.items)
      totals.push(page.total)
      cursor = page.nextCursor
    } while (cursor)
    return { items, totals }
  }

  it.each([
    ['amount', (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0)],
    ['-amount', (a: bigint, b: bigint) => (a > b ? -1 : a < b ? 1 : 0)],
  ])('pages deals by %s over every deal exactly once, with the total on each page', async (sort, compare) => {
    const { items, totals } = await readAll(`/api/v1/deals?sort=${sort}`)
    expect(new Set(items.map((d) => d.id)).size).toBe(amounts.length)
    const minor = items.map((d) => BigInt((d.amount as { amountMinor: string }).amountMinor))
    expect(minor).toEqual([...minor].sort(compare))
    expect(totals.every((t) => t === amounts.length)).toBe(true)
  })

  it('pages deals by name', async () => {
    const { items } = await readAll('/api/v1/deals?sort=name')
    expect(items.map((d) => d.name)).toEqual([
      'Deal B',
      'Deal C',
      'Deal D',
      'Deal E',
      'Deal F',
      'Deal G',
      'Deal H',
    ])
  })

  it('counts what the filters match, not what the page shows', async () => {
    const res = (await staff.get('/api/v1/deals?q=Deal%20H&limit=1')).json()
    expect(res.total).toBe(1)
    expect((await staff.get('/api/v1/partners?limit=1')).json().total).toBe(3)
  })

  it('sorts partners by name, descending', async () => {
    const { items } = await readAll('/api/v1/partners?sort=-name')
    expect(items.map((p) => p.name)).toEqual(['Zeta', 'Mu', 'alpha'])
  })

  it('refuses a cursor given out for another sort, naming the field', async () => {
    const first = (await staff.get('/api/v1/deals?sort=amount&limit=2')).json()
    const res = await staff.get(`/api/v1/deals?sort=name&cursor=${first.nextCursor}`)
    expect(res.statusCode).toBe(422)
    expect(res.json().errors[0].path).toBe('query.cursor')
  })

  it('refuses a sort column the list does not offer', async () => {
    const res = await staff.get('/api/v1/deals?sort=owner')
    expect(res.statusCode).toBe(400)
    expect(res.json().errors[0].path).toBe('query.sort')
  })
})
