// The portal follows its partner's live feed: new credit refreshes their credit views and their tier
// progress (worked out from credit), posted commission their balance and lines, a new tier or health
// score its card, a completed onboarding the next steps — each page as it is, without a reload.
import { useLiveQueries } from '../../ui/live-queries'
import { creditKeys } from '../credits/credits-api'
import { incentiveKeys } from '../incentives/incentives-api'
import { healthKeys } from '../programs/health-api'
import { onboardingKeys } from '../programs/onboarding-api'
import { programKeys } from '../programs/programs-api'

const refreshes = {
  'credit.changed': [{ key: creditKeys.all }, { key: programKeys.myTier }],
  'commission.posted': [{ key: incentiveKeys.all }],
  'tier.changed': [{ key: programKeys.all }],
  'health.changed': [{ key: healthKeys.all }],
  'onboarding.completed': [{ key: onboardingKeys.all }],
}

export function usePortalLive(): void {
  useLiveQueries('/api/v1/portal/live', refreshes)
}
