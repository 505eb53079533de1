// Who may change commission plans and handle payouts; everyone else on the staff reads.
import type { MeView, Role } from '../../../../src/modules/identity/identity.contract'
import type { EntryStatus } from '../../../../src/modules/incentives/incentives.contract'

const moneyRoles: readonly Role[] = ['owner', 'admin', 'finance']

/** Plans, recomputes and payout batches are run by these roles (the server checks again). */
export const canManageMoney = (me: MeView): boolean => moneyRoles.includes(me.user.role)

export const entryStatusColors: Record<EntryStatus, string> = {
  pending: 'yellow',
  approved: 'blue',
  held: 'orange',
  paid: 'teal',
  reversed: 'gray',
}

export const entryStatusHints: Record<EntryStatus, string> = {
  pending: 'In its hold period after the close',
  approved: 'Payable in the next payout batch',
  held: 'In a payout batch that has not been paid yet',
  paid: 'Paid out',
  reversed: 'Cancelled by a later entry',
}
