// Loading the ECB's euro reference rates file as published, so the dashboard can report every
// currency in one; shows which days and currencies are loaded.
import { Button, FileInput, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core'
import { IconUpload } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { upload } from '../../ui/api-client'
import { notifyError } from '../../ui/problem'
import { creditKeys, creditsApi } from './credits-api'

export function EcbRatesCard() {
  const queryClient = useQueryClient()
  const [file, setFile] = useState<File | null>(null)
  const [progress, setProgress] = useState<number | null>(null)
  const loaded = useQuery({ queryKey: creditKeys.fxRates, queryFn: creditsApi.fxRates })
  const send = useMutation({
    mutationFn: async () => {
      if (!file) throw new Error('Pick the rates file first')
      setProgress(0)
      return upload<{ days: number; currencies: string[] }>('/fx-rates/ecb', file, 'text/csv', setProgress)
    },
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: creditKeys.all }),
    onError: (error) => notifyError(error, 'Could not load the rates'),
    onSettled: () => setProgress(null),
  })
  const data = loaded.data
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label="Exchange rates">
      <Stack gap="sm">
        <Title order={2} size="h4">
          Exchange rates
        </Title>
        <Text size="sm" c="dimmed">
          The European Central Bank’s euro reference rates (eurofxref-hist.csv, as published). The dashboard
          reports every currency in one at the rates in force on its day.
        </Text>
        <Text size="sm" aria-live="polite">
          {data && data.currencies.length > 0
            ? `Loaded: ${data.currencies.length} currencies up to ${data.to}`
            : 'No rates loaded yet.'}
        </Text>
        <Group align="flex-end">
          <FileInput
            label="Rates CSV"
            placeholder="Choose eurofxref-hist.csv"
            accept=".csv,text/csv"
            value={file}
            onChange={setFile}
            clearable
            w={320}
          />
          <Button
            leftSection={<IconUpload size={16} />}
            onClick={() => send.mutate()}
            loading={send.isPending}
            disabled={!file}
          >
            Load rates
          </Button>
        </Group>
        {progress !== null ? <Progress value={progress * 100} aria-label="Rates upload progress" /> : null}
      </Stack>
    </Paper>
  )
}
