// The console's import page: pick a source and its CSV files, map each field to a column (saved for
// the source), send the files with a progress bar, read the row-by-row report, then import it all at
// once — or leave the invalid rows out.
import {
  Button,
  FileInput,
  Group,
  JsonInput,
  Paper,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { IconUpload } from '@tabler/icons-react'
import { useMutation } from '@tanstack/react-query'
import { useState } from 'react'
import {
  type ImportKind,
  type ImportMapping,
  type ImportView,
  importFields,
  importKinds,
} from '../../../../src/modules/journeys/imports.contract'
import { PageHeader } from '../../ui/page-header'
import { notifyError } from '../../ui/problem'
import { EcbRatesCard } from '../credits/ecb-rates-card'
import { ImportSummary } from './import-report'
import { importsApi, kindLabels, readHeader } from './imports-api'

/** A simple mapping from column picks; fields left unpicked are not mapped. */
function mappingFromPicks(picks: Record<string, string | null>): ImportMapping {
  return {
    fields: Object.fromEntries(
      Object.entries(picks).flatMap(([field, column]) => (column ? [[field, { column }]] : [])),
    ),
  }
}

/** Guesses the column for a field from its name: `closedAt` takes `closed_at` or `Closed At`. */
function guessColumn(field: string, header: string[]): string | null {
  const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '')
  return header.find((c) => squash(c) === squash(field)) ?? null
}

function KindFile({
  kind,
  source,
  importId,
  ensureImport,
  onStaged,
}: {
  kind: ImportKind
  source: string
  importId: string | null
  ensureImport(): Promise<string>
  onStaged(view: ImportView): void
}) {
  const [file, setFile] = useState<File | null>(null)
  const [header, setHeader] = useState<string[]>([])
  const [mappingText, setMappingText] = useState('')
  const [progress, setProgress] = useState<number | null>(null)
  const fields = [...importFields[kind].required, ...importFields[kind].optional] as string[]
  const required = new Set<string>(importFields[kind].required)

  const pickFile = async (picked: File | null) => {
    setFile(picked)
    if (!picked) return
    const columns = await readHeader(picked)
    setHeader(columns)
    const saved = await importsApi.mapping(source, kind).catch(() => null)
    const mapping =
      saved ?? mappingFromPicks(Object.fromEntries(fields.map((f) => [f, guessColumn(f, columns)])))
    setMappingText(JSON.stringify(mapping, null, 2))
  }
  const mapping = (() => {
    try {
      return JSON.parse(mappingText) as ImportMapping
    } catch {
      return null
    }
  })()
  const setColumn = (field: string, column: string | null) => {
    if (!mapping) return
    const next = { ...mapping.fields }
    if (column) next[field] = { column }
    else delete next[field]
    setMappingText(JSON.stringify({ fields: next }, null, 2))
  }
  const send = useMutation({
    mutationFn: async () => {
      if (!file || !mapping) throw new Error('Pick a file and map its columns first')
      await importsApi.saveMapping(source, kind, mapping)
      const id = importId ?? (await ensureImport())
      setProgress(0)
      return importsApi.sendFile(id, kind, file, setProgress)
    },
    onSuccess: onStaged,
    onError: (error) => notifyError(error, `Could not read the ${kind} file`),
    onSettled: () => setProgress(null),
  })

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={`${kindLabels[kind]} file`}>
      <Stack gap="sm">
        <Title order={2} size="h4">
          {kindLabels[kind]}
        </Title>
        <FileInput
          label={`${kindLabels[kind]} CSV`}
          placeholder="Choose a .csv file"
          accept=".csv,text/csv"
          value={file}
          onChange={(picked) => void pickFile(picked)}
          clearable
        />
        {file && mapping ? (
          <>
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
              {fields.map((field) => {
                const current = mapping.fields[field]
                const isSimple =
                  !current || (current.column !== undefined && !current.values && !current.whenBlank)
                return isSimple ? (
                  <Select
                    key={field}
                    label={field}
                    withAsterisk={required.has(field)}
                    placeholder="not imported"
                    data={header}
                    value={current?.column ?? null}
                    onChange={(column) => setColumn(field, column)}
                    clearable
                    searchable
                  />
                ) : (
                  <TextInput
                    key={field}
                    label={field}
                    withAsterisk={required.has(field)}
                    value="set in the mapping below"
                    readOnly
                  />
                )
              })}
            </SimpleGrid>
            <JsonInput
              label="Mapping"
              description="Columns, templates like {product} ({id}), constants, value rewrites and fallbacks when blank; saved for this source"
              value={mappingText}
              onChange={setMappingText}
              autosize
              minRows={4}
              maxRows={16}
              validationError="Not valid JSON"
              formatOnBlur
            />
            <Group>
              <Button
                leftSection={<IconUpload size={16} />}
                onClick={() => send.mutate()}
                loading={send.isPending}
                disabled={!mapping}
              >
                Check {kind}
              </Button>
            </Group>
          </>
        ) : null}
        {progress !== null ? (
          <Stack gap={2}>
            <Progress value={progress * 100} aria-label={`${kind} upload progress`} size="lg" animated />
            <Text size="xs" c="dimmed" aria-live="polite">
              {progress < 1 ? `Sending ${Math.round(progress * 100)}%` : 'Checking every row…'}
            </Text>
          </Stack>
        ) : null}
      </Stack>
    </Paper>
  )
}

export function ImportPage() {
  const [source, setSource] = useState('crm')
  const [view, setView] = useState<ImportView | null>(null)
  // starting over clears every file picked so far
  const [round, setRound] = useState(0)
  const ensureImport = async () => {
    const started = await importsApi.start(source)
    setView(started)
    return started.id
  }
  const isLocked = view !== null
  return (
    <>
      <PageHeader
        title="Import"
        description="Bring accounts, deals and touches from a CRM export (CSV). Every row is checked first; nothing changes until you import."
        actions={
          isLocked ? (
            <Button
              variant="default"
              onClick={() => {
                setView(null)
                setRound((r) => r + 1)
              }}
            >
              Start over
            </Button>
          ) : null
        }
      />
      <Stack gap="md">
        <TextInput
          label="Source"
          description="A short name for where the files come from; records are matched by it and their ids there"
          value={source}
          onChange={(e) => setSource(e.currentTarget.value.toLowerCase())}
          disabled={isLocked}
          maw={320}
        />
        {importKinds.map((kind) => (
          <KindFile
            key={`${kind}-${round}`}
            kind={kind}
            source={source}
            importId={view?.id ?? null}
            ensureImport={ensureImport}
            onStaged={setView}
          />
        ))}
        {view && Object.keys(view.files).length > 0 ? <ImportSummary view={view} /> : null}
        <EcbRatesCard />
      </Stack>
    </>
  )
}
