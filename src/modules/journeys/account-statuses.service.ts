// Each account of the org with where it stands: a customer (a deal won), in an open deal, or a
// prospect (neither) — what account mapping compares with a partner's list.
import { sql } from 'drizzle-orm'
import { type Db, queryRows } from '../../db/client'

export type AccountStanding = 'customer' | 'open' | 'prospect'

export interface AccountStatusFact {
  accountId: string
  name: string
  domain: string | null
  status: AccountStanding
}

export async function readAccountStatuses(db: Db, orgId: string): Promise<AccountStatusFact[]> {
  const rows = await queryRows<{
    id: string
    name: string
    domain: string | null
    won: boolean
    open: boolean
  }>(
    db,
    sql`select a.id, a.name, a.domain,
          coalesce(d.won, false) as won, coalesce(d.open, false) as open
        from accounts a
        left join (
          select account_id, bool_or(status = 'won') as won, bool_or(status = 'open') as open
          from deals where org_id = ${orgId} and account_id is not null group by account_id
        ) d on d.account_id = a.id
        where a.org_id = ${orgId}`,
  )
  return rows.map((r) => ({
    accountId: r.id,
    name: r.name,
    domain: r.domain,
    status: r.won ? 'customer' : r.open ? 'open' : 'prospect',
  }))
}
