// Loading the ECB's euro reference rates file as published, so the dashboard can report every
// currency in one; shows which days and currencies are loaded, and sets the org's reporting currency.
import { Button, FileInput, Group, Paper, Progress, Select, Stack, Text, Title } from '@mantine/core'
import { IconUpload } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { upload } from '../../ui/api-client'
import { notifyError, notifySuccess } from '../../ui/problem'
import { identityApi, identityKeys } from '../identity/identity-api'
import { canAdminister, useMe } from '../identity/session'
import { creditKeys, creditsApi } from './credits-api'

/** The currency the dashboard converts every other currency into, unless a viewer picks another. */
function ReportingCurrency({ currencies }: { currencies: string[] }) {
  const me = useMe()
  const queryClient = useQueryClient()
  const change = useMutation({
    mutationFn: (currency: string | null) => identityApi.updateOrg({ reportingCurrency: currency }),
    onSuccess: async (org) => {
      notifySuccess(
        org.reportingCurrency
          ? `The dashboard now reports in ${org.reportingCurrency}`
          : 'The dashboard reports each currency on its own',
      )
      await queryClient.invalidateQueries({ queryKey: identityKeys.me })
      await queryClient.invalidateQueries({ queryKey: creditKeys.all })
    },
    onError: (error) => notifyError(error, 'Could not change the reporting currency'),
  })
  const options = [
    ...new Set(['EUR', ...currencies, ...(me.org.reportingCurrency ? [me.org.reportingCurrency] : [])]),
  ]
  return (
    <Select
      label="Reporting currency"
      description="Every figure in other currencies is also shown converted into this one"
      placeholder="None: each currency on its own"
      data={options.sort()}
      value={me.org.reportingCurrency}
      onChange={(value) => change.mutate(value)}
      clearable
      searchable
      disabled={!canAdminister(me) || change.isPending}
      w={320}
    />
  )
}

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
        <ReportingCurrency currencies={data?.currencies ?? []} />
      </Stack>
    </Paper>
  )
}
