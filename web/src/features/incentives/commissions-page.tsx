// Console → Commissions: what partners are owed, every commission line with its receipt, and a
// recompute for those who run the money.
import { Stack } from '@mantine/core'
import { IconListDetails } from '@tabler/icons-react'
import { PageHeader } from '../../ui/page-header'
import { ButtonLink } from '../../ui/router-link'
import { useMe } from '../identity/session'
import { BalancesCard } from './balances'
import { CommissionLines } from './commission-lines'
import { CommissionSyncCard } from './commission-sync-card'
import { canManageMoney } from './incentives-access'

export function CommissionsPage() {
  const me = useMe()
  return (
    <>
      <PageHeader
        title="Commissions"
        description="Earned from paying credit under your plans: every line with the math behind it."
        actions={
          <ButtonLink to="/commissions/plans" variant="default" leftSection={<IconListDetails size={16} />}>
            Plans
          </ButtonLink>
        }
      />
      <Stack gap="lg">
        {canManageMoney(me) ? <CommissionSyncCard /> : null}
        <BalancesCard />
        <CommissionLines area="console" />
      </Stack>
    </>
  )
}
