import { describe, expect, it } from 'vitest'
import { recentMonths } from './portal-projection'

describe('statement months', () => {
  it('lists the last twelve calendar months, newest first, each from its first to its last day', () => {
    const months = recentMonths(new Date('2026-03-15T12:00:00Z'))
    expect(months).toHaveLength(12)
    expect(months.slice(0, 3).map((m) => [m.from, m.to])).toEqual([
      ['2026-03-01', '2026-03-31'],
      ['2026-02-01', '2026-02-28'],
      ['2026-01-01', '2026-01-31'],
    ])
    expect(months.at(-1)).toMatchObject({ from: '2025-04-01', to: '2025-04-30' })
  })
})
