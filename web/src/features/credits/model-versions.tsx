// A model's version history: every change of parameters or options made a new version.
import { Code, Table } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { formatDateTime } from '../../ui/dates'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { creditKeys, creditsApi } from './credits-api'

export function ModelVersions({ modelId, name }: { modelId: string; name: string }) {
  const versions = useQuery({
    queryKey: creditKeys.versions(modelId),
    queryFn: () => creditsApi.versions(modelId),
  })
  if (versions.isPending) return <PageLoader label="Loading versions…" />
  if (versions.isError) return <ErrorAlert error={versions.error} what="Versions" />
  return (
    <Table verticalSpacing={6} aria-label={`Versions of ${name}`}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Version</Table.Th>
          <Table.Th>Parameters</Table.Th>
          <Table.Th>Options</Table.Th>
          <Table.Th>Made</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {[...versions.data.items]
          .sort((a, b) => b.version - a.version)
          .map((version) => (
            <Table.Tr key={version.version}>
              <Table.Td>{version.version}</Table.Td>
              <Table.Td>
                <Code>{JSON.stringify(version.params)}</Code>
              </Table.Td>
              <Table.Td>
                <Code>{JSON.stringify(version.options)}</Code>
              </Table.Td>
              <Table.Td>
                {formatDateTime(version.createdAt)} by {version.createdBy}
              </Table.Td>
            </Table.Tr>
          ))}
      </Table.Tbody>
    </Table>
  )
}
