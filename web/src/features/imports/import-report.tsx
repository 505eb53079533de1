// An import's report: per file the rows read, valid, invalid and with warnings; its problems line by
// line with the CSV download; and the commit, with or without the invalid rows.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core'
import { IconDownload, IconFileImport } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { ImportKind, ImportView } from '../../../../src/modules/journeys/imports.contract'
import { notifyError } from '../../ui/problem'
import { importsApi, kindLabels } from './imports-api'

export function ImportSummary({ view }: { view: ImportView }) {
  const queryClient = useQueryClient()
  const [skipInvalid, setSkipInvalid] = useState(false)
  const problems = useQuery({
    queryKey: ['imports', view.id, 'problems', view.errorCount, view.warningCount, view.files],
    queryFn: () => importsApi.problems(view.id),
    enabled: view.errorCount + view.warningCount > 0,
  })
  const commit = useMutation({
    mutationFn: () => importsApi.commit(view.id, skipInvalid),
    onSuccess: (committed) => {
      queryClient.setQueryData(['imports', 'current'], committed)
      void queryClient.invalidateQueries()
    },
    onError: (error) => notifyError(error, 'Could not import'),
  })
  const committed = commit.data ?? (view.status === 'committed' ? view : null)
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label="Import report">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4">
            Report
          </Title>
          <Badge color={view.errorCount > 0 ? 'red' : 'teal'}>
            {view.errorCount} errors · {view.warningCount} warnings
          </Badge>
        </Group>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>File</Table.Th>
              <Table.Th ta="right">Rows</Table.Th>
              <Table.Th ta="right">Valid</Table.Th>
              <Table.Th ta="right">Invalid</Table.Th>
              <Table.Th ta="right">Warnings</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {Object.entries(view.files).map(([kind, f]) => (
              <Table.Tr key={kind}>
                <Table.Td>
                  {kindLabels[kind as ImportKind]}: {f.fileName}
                  {f.unmappedColumns.length > 0 ? (
                    <Text size="xs" c="dimmed">
                      Not imported: {f.unmappedColumns.join(', ')}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td ta="right">{f.rows}</Table.Td>
                <Table.Td ta="right">{f.valid}</Table.Td>
                <Table.Td ta="right">{f.invalid}</Table.Td>
                <Table.Td ta="right">{f.warnings}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        {problems.data && problems.data.total > 0 ? (
          <>
            <Group justify="space-between">
              <Text size="sm">
                Showing {problems.data.items.length} of {problems.data.total} problems
              </Text>
              <Anchor href={importsApi.reportUrl(view.id)} download>
                <Group gap={4}>
                  <IconDownload size={16} /> Download the report (CSV)
                </Group>
              </Anchor>
            </Group>
            <Table.ScrollContainer minWidth={600} mah={320}>
              <Table striped aria-label="Problems">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>File</Table.Th>
                    <Table.Th>Line</Table.Th>
                    <Table.Th>Field</Table.Th>
                    <Table.Th>Value</Table.Th>
                    <Table.Th>Problem</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {problems.data.items.map((p) => (
                    <Table.Tr key={`${p.kind}-${p.line}-${p.field}-${p.message}`}>
                      <Table.Td>{p.kind}</Table.Td>
                      <Table.Td>{p.line}</Table.Td>
                      <Table.Td>
                        {p.field}
                        {p.column ? ` (${p.column})` : ''}
                      </Table.Td>
                      <Table.Td>{p.value}</Table.Td>
                      <Table.Td>
                        <Badge size="xs" color={p.severity === 'error' ? 'red' : 'yellow'} mr={6}>
                          {p.severity}
                        </Badge>
                        {p.message}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </>
        ) : null}
        {committed?.result ? (
          <Alert color="teal" title="Imported">
            {Object.entries(committed.result)
              .map(
                ([kind, c]) => `${kindLabels[kind as ImportKind]}: ${c.inserted} new, ${c.updated} updated`,
              )
              .join(' · ')}
            . Credit is being recomputed.
          </Alert>
        ) : (
          <Group>
            {view.errorCount > 0 ? (
              <Checkbox
                label="Leave the invalid rows out"
                checked={skipInvalid}
                onChange={(e) => setSkipInvalid(e.currentTarget.checked)}
              />
            ) : null}
            <Button
              leftSection={<IconFileImport size={16} />}
              onClick={() => commit.mutate()}
              loading={commit.isPending}
              disabled={Object.keys(view.files).length === 0 || (view.errorCount > 0 && !skipInvalid)}
            >
              Import
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  )
}
