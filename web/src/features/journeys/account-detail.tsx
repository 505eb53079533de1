// One customer account and the deals with it.

import { Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { formatDate } from '../../ui/dates'
import { EmptyHint } from '../../ui/empty-hint'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { nounOf } from '../../ui/list-count'
import { formatCount } from '../../ui/money'
import { PageHeader } from '../../ui/page-header'
import { PagedListView, usePagedList } from '../../ui/paged-list'
import { countryName } from '../../ui/region-select'
import { ButtonLink } from '../../ui/router-link'
import { canEditRecords, useMe } from '../identity/session'
import { DealsTable } from './deals-table'
import { accountsApi, dealsApi, journeyKeys } from './journeys-api'

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="sm">{children}</Text>
    </div>
  )
}

export function AccountDetail({ accountId }: { accountId: string }) {
  const me = useMe()
  const account = useQuery({
    queryKey: journeyKeys.account(accountId),
    queryFn: () => accountsApi.get(accountId),
  })
  const deals = usePagedList(journeyKeys.dealList({ accountId }), (cursor) =>
    dealsApi.list({ accountId }, cursor),
  )
  if (account.isPending) return <PageLoader label="Loading account…" />
  if (account.isError) return <ErrorAlert error={account.error} what="Account" />

  return (
    <>
      <PageHeader title={account.data.name} description={account.data.domain ?? undefined} />
      <Stack gap="lg">
        <Paper withBorder p="lg" radius="md">
          <SimpleGrid cols={{ base: 2, md: 5 }}>
            <Fact label="Domain">{account.data.domain ?? '—'}</Fact>
            <Fact label="Country">{countryName(account.data.country)}</Fact>
            <Fact label="Industry">{account.data.industry ?? '—'}</Fact>
            <Fact label="Deals">{formatCount(account.data.dealCount)}</Fact>
            <Fact label="Since">{formatDate(account.data.createdAt)}</Fact>
          </SimpleGrid>
        </Paper>
        <Paper withBorder p="lg" radius="md">
          <Title order={2} size="h4" mb="sm">
            Deals
          </Title>
          <PagedListView
            list={deals}
            loadingLabel="Loading deals…"
            what="Deals"
            noun={nounOf('deal')}
            empty={
              <EmptyHint
                size="sm"
                title="No deals with this account"
                description="Deals arrive with your CRM sync; to add one by hand, create a deal and choose this account."
                action={
                  canEditRecords(me) ? (
                    <ButtonLink to="/deals/new" search={{ accountId }} variant="default">
                      New deal
                    </ButtonLink>
                  ) : null
                }
              />
            }
          >
            {(items) => <DealsTable deals={items} area="console" showAccount={false} label="Account deals" />}
          </PagedListView>
        </Paper>
      </Stack>
    </>
  )
}
