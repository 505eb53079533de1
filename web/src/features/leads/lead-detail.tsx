// Console → Leads → one lead: who it is, where it is and where it came from; who works it and why, with
// the other territories that take it as an overlap warning; and what staff do next: route it again,
// assign it to someone, start working it, convert it into a deal, or disqualify it with the reason.
import { Alert, Grid, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useQuery } from '@tanstack/react-query'
import type { LeadDetailView } from '../../../../src/modules/revenue/leads/leads.contract'
import { formatDateTime } from '../../ui/dates'
import { Fact } from '../../ui/fact'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { PageHeader } from '../../ui/page-header'
import { AnchorLink } from '../../ui/router-link'
import { useMe } from '../identity/session'
import { LeadActions, RoutingActions } from './lead-actions'
import { LeadStatusBadge, placeOf } from './lead-parts'
import { canWorkLeads, leadKeys, leadsApi } from './leads-api'

export function LeadDetail({ leadId }: { leadId: string }) {
  const me = useMe()
  const lead = useQuery({ queryKey: leadKeys.detail(leadId), queryFn: () => leadsApi.get(leadId) })
  if (lead.isPending) return <PageLoader label="Loading lead…" />
  if (lead.isError) return <ErrorAlert error={lead.error} what="Lead" />
  const l = lead.data
  const isOpen = l.status === 'new' || l.status === 'working'
  const canWork = canWorkLeads(me) && isOpen
  return (
    <>
      <PageHeader
        title={l.companyName}
        badge={<LeadStatusBadge status={l.status} />}
        description={`From ${l.source}, created ${formatDateTime(l.createdAt)}`}
      />
      <Text size="sm" mb="md">
        <AnchorLink to="/leads">← Leads</AnchorLink>
      </Text>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: canWork ? 8 : 12 }}>
          <Stack gap="lg">
            <Facts lead={l} />
            <Routing lead={l} canWork={canWork} />
          </Stack>
        </Grid.Col>
        {canWork ? (
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <LeadActions lead={l} />
          </Grid.Col>
        ) : null}
      </Grid>
    </>
  )
}

function Facts({ lead: l }: { lead: LeadDetailView }) {
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Lead">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
        <Fact label="Domain">{l.domain ?? '—'}</Fact>
        <Fact label="Country, region and industry">{placeOf(l)}</Fact>
        <Fact label="Contact">{[l.contactName, l.contactEmail].filter(Boolean).join(' · ') || '—'}</Fact>
        <Fact label="Source">
          {l.source}
          {l.externalId ? ` · ${l.externalId}` : ''}
        </Fact>
        <Fact label="Deal">
          {l.dealId ? (
            <AnchorLink to="/deals/$dealId" params={{ dealId: l.dealId }}>
              {l.dealName ?? 'View deal'}
            </AnchorLink>
          ) : (
            '—'
          )}
        </Fact>
        <Fact label="Last change">{formatDateTime(l.updatedAt)}</Fact>
      </SimpleGrid>
      {l.disqualifiedReason ? (
        <Text size="sm" mt="md">
          Disqualified: {l.disqualifiedReason}
        </Text>
      ) : null}
      {l.notes ? (
        <Text size="sm" mt="md" style={{ whiteSpace: 'pre-wrap' }}>
          {l.notes}
        </Text>
      ) : null}
    </Paper>
  )
}

function Routing({ lead: l, canWork }: { lead: LeadDetailView; canWork: boolean }) {
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Routing">
      <Title order={2} size="h4" mb="sm">
        Routing
      </Title>
      <Text size="sm" fw={500}>
        {l.assignee ? `Assigned to ${l.assignee.name ?? l.assignee.id}` : 'Unassigned'}
      </Text>
      {l.routingReason ? (
        <Text size="sm" c="dimmed">
          {l.routingReason}
        </Text>
      ) : null}
      {l.otherTerritories.length > 0 ? (
        <Alert
          mt="md"
          color="yellow"
          icon={<IconAlertTriangle size={18} />}
          title="Other territories take this lead too"
        >
          <Stack gap={2}>
            {l.otherTerritories.map((t) => (
              <Text key={t.territoryId} size="sm">
                {t.territoryName} ({t.owner.name ?? t.owner.id}): {t.reason}
              </Text>
            ))}
          </Stack>
        </Alert>
      ) : null}
      {canWork ? <RoutingActions lead={l} /> : null}
    </Paper>
  )
}
