// Portal → Commissions: the partner's balance, their commission lines with receipts, their disputes,
// and where they are paid.
import { Alert, Stack } from '@mantine/core'
import { PageHeader } from '../../ui/page-header'
import { useMe } from '../identity/session'
import { YourBalanceCard } from './balances'
import { CommissionLines } from './commission-lines'
import { PayoutAccountCard } from './payout-account-form'
import { YourDisputes } from './portal-disputes'
import { ProjectionCard, StatementCard } from './portal-projection'

export function PortalCommissions() {
  const me = useMe()
  const partnerId = me.partner?.id ?? me.user.partnerId
  if (!partnerId)
    return (
      <Alert color="orange" title="Your account is not linked to a partner">
        Ask your partner manager to link it.
      </Alert>
    )
  return (
    <>
      <PageHeader
        title="Commissions"
        description="What you have earned, how each amount was worked out, and where it is paid."
      />
      <Stack gap="lg">
        <YourBalanceCard partnerId={partnerId} />
        <ProjectionCard partnerId={partnerId} />
        <CommissionLines area="portal" />
        <YourDisputes />
        <StatementCard partnerId={partnerId} />
        <PayoutAccountCard
          partnerId={partnerId}
          fallbackName={me.partner?.name ?? ''}
          canChange={me.user.role === 'partner_admin'}
        />
      </Stack>
    </>
  )
}
