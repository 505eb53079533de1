// Console → Commissions: what partners are owed, every commission line with its receipt, a
// recompute for those who run the money, and the way to plans and to partners' disputes.
import { Badge, Stack } from '@mantine/core'
import { IconListDetails, IconMessageReport } from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import { PageHeader } from '../../ui/page-header'
import { ButtonLink } from '../../ui/router-link'
import { useMe } from '../identity/session'
import { BalancesCard } from './balances'
import { CommissionLines } from './commission-lines'
import { CommissionSyncCard } from './commission-sync-card'
import { canManageMoney } from './incentives-access'
import { disputesApi, incentiveKeys } from './incentives-api'

export function CommissionsPage() {
  const me = useMe()
  const open = useQuery({
    queryKey: incentiveKeys.disputeList('open'),
    queryFn: () => disputesApi.list('open'),
  })
  const openCount = open.data?.items.length ?? 0
  return (
    <>
      <PageHeader
        title="Commissions"
        description="Earned from paying credit under your plans: every line with the math behind it."
        actions={
          <>
            <ButtonLink
              to="/commissions/disputes"
              variant="default"
              leftSection={<IconMessageReport size={16} />}
              rightSection={
                openCount > 0 ? (
                  <Badge size="sm" color="orange" circle aria-label={`${openCount} open`}>
                    {openCount}
                  </Badge>
                ) : null
              }
            >
              Disputes
            </ButtonLink>
            <ButtonLink to="/commissions/plans" variant="default" leftSection={<IconListDetails size={16} />}>
              Plans
            </ButtonLink>
          </>
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
