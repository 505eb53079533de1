// Ranking the leaderboard: most attributed revenue first; equal revenue shares a rank (1, 2, 2, 4),
// listed by more deals, then by partner id so the order never flickers between reads.
export interface Standing {
  partnerId: string
  revenueMinor: bigint
  deals: number
}

export function rankStandings(standings: readonly Standing[]): (Standing & { rank: number })[] {
  const sorted = [...standings].sort((a, b) =>
    a.revenueMinor !== b.revenueMinor
      ? a.revenueMinor > b.revenueMinor
        ? -1
        : 1
      : b.deals - a.deals || (a.partnerId < b.partnerId ? -1 : a.partnerId > b.partnerId ? 1 : 0),
  )
  let rank = 0
  return sorted.map((s, i) => {
    if (i === 0 || s.revenueMinor !== sorted[i - 1]!.revenueMinor) rank = i + 1
    return { ...s, rank }
  })
}
