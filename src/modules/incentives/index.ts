// Incentives: what partners earn and how it is paid out (payouts/rails carries a payout out of the
// platform). May import: identity, partners, journeys, credits, attribution, money, platform, db/client.
import type { ModuleDescriptor } from '../../platform/module'

export const incentivesModule: ModuleDescriptor = {
  name: 'incentives',
}
