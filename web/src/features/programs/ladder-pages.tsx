// Console → Tiers → a new ladder, or a ladder edited into a new version (with its earlier versions).
import { Paper, Stack, Table, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { formatDateTime } from '../../ui/dates'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { PageHeader } from '../../ui/page-header'
import { AnchorLink } from '../../ui/router-link'
import { useMe } from '../identity/session'
import { LadderEditor } from './ladder-editor'
import { programKeys, programsApi } from './programs-api'

const back = (
  <Text size="sm" mb="md">
    <AnchorLink to="/tiers">← Tiers</AnchorLink>
  </Text>
)

export function NewLadderPage() {
  const me = useMe()
  return (
    <>
      <PageHeader
        title="New tier ladder"
        description="Levels lowest first, each with criteria that must all hold. Every partner is placed as soon as it is saved."
      />
      {back}
      <LadderEditor currency={me.org.reportingCurrency ?? 'USD'} />
    </>
  )
}

export function LadderPage({ ladderId }: { ladderId: string }) {
  const ladder = useQuery({
    queryKey: programKeys.ladder(ladderId),
    queryFn: () => programsApi.ladder(ladderId),
  })
  if (ladder.isPending) return <PageLoader label="Loading the ladder…" />
  if (ladder.isError) return <ErrorAlert error={ladder.error} what="Tier ladder" />
  return (
    <>
      <PageHeader
        title={ladder.data.name}
        description={`Version ${ladder.data.version}. Saving makes a new version; partners are evaluated against it at once.`}
      />
      {back}
      <Stack gap="lg">
        <LadderEditor ladder={ladder.data} />
        <Paper withBorder p="lg" radius="md" component="section" aria-label="Versions">
          <Title order={2} size="h4" mb="md">
            Versions
          </Title>
          <Table aria-label="Ladder versions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Version</Table.Th>
                <Table.Th>Levels</Table.Th>
                <Table.Th>Saved</Table.Th>
                <Table.Th>By</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {ladder.data.versions.map((version) => (
                <Table.Tr key={version.version}>
                  <Table.Td>v{version.version}</Table.Td>
                  <Table.Td>{version.definition.levels.map((l) => l.name).join(' → ')}</Table.Td>
                  <Table.Td>{formatDateTime(version.createdAt)}</Table.Td>
                  <Table.Td>{version.createdBy}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      </Stack>
    </>
  )
}
