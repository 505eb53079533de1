// Staff's account overlap: every partner that shared a list with how far it overlaps the org's
// accounts, and one partner's overlap in full (sharing a list on the partner's behalf too).
import { Paper, Table, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { EmptyHint } from '../../ui/empty-hint'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { PageHeader } from '../../ui/page-header'
import { PartnerPicker } from '../partners/partner-picker'
import { overlapApi, overlapKeys } from './overlap-api'
import { OverlapPanel } from './overlap-panel'

export function OverlapPage() {
  const summary = useQuery({ queryKey: overlapKeys.summary, queryFn: () => overlapApi.summary() })
  const [partnerId, setPartnerId] = useState<string | null>(null)
  return (
    <>
      <PageHeader
        title="Account overlap"
        description="The accounts you and each partner both have, matched on keyed hashes of their domains and names: neither list is shown beyond what you share"
      />
      <Paper withBorder p="lg" radius="md" mb="lg" component="section" aria-label="Partners' lists">
        <Title order={2} size="h4" mb="sm">
          Partners' lists
        </Title>
        {summary.isPending ? (
          <PageLoader label="Matching lists…" />
        ) : summary.isError ? (
          <ErrorAlert error={summary.error} what="Account overlap" />
        ) : summary.data.items.length === 0 ? (
          <EmptyHint
            title="No partner has shared a list"
            description="Partners share theirs from the portal; pick a partner below to share one on their behalf."
          />
        ) : (
          <Table verticalSpacing={6} aria-label="Overlap by partner">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Partner</Table.Th>
                <Table.Th ta="right">Their accounts</Table.Th>
                <Table.Th ta="right">In common</Table.Th>
                <Table.Th ta="right">Your customers</Table.Th>
                <Table.Th ta="right">Your open deals</Table.Th>
                <Table.Th ta="right">Your prospects</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {summary.data.items.map((item) => (
                <Table.Tr
                  key={item.partnerId}
                  onClick={() => setPartnerId(item.partnerId)}
                  style={{ cursor: 'pointer' }}
                  aria-selected={item.partnerId === partnerId}
                >
                  <Table.Td>{item.name}</Table.Td>
                  <Table.Td ta="right">{item.rows}</Table.Td>
                  <Table.Td ta="right" fw={600}>
                    {item.overlap}
                  </Table.Td>
                  <Table.Td ta="right">{item.customers}</Table.Td>
                  <Table.Td ta="right">{item.open}</Table.Td>
                  <Table.Td ta="right">{item.prospects}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      <PartnerPicker label="Partner" value={partnerId} onChange={setPartnerId} mb="lg" w={320} />
      {partnerId ? <OverlapPanel key={partnerId} partnerId={partnerId} ourLabel="You" /> : null}
    </>
  )
}
