// A model draft on the org's recent deals, as it is typed: each actor's share now and under the
// draft. Asked for 400 ms after the last change; the engine's refusal goes back to the form.
import { Alert, Badge, Group, Loader, Paper, ScrollArea, Stack, Table, Text, Title } from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import type { ModelPreviewInput, ModelPreviewView } from '../../../../src/modules/credits/credits.contract'
import { isApiError } from '../../ui/api-client'
import { formatMoney } from '../../ui/money'
import { actorName, formatShare } from './credit-math'
import { creditKeys, creditsApi } from './credits-api'

export type PreviewDraft = Pick<ModelPreviewInput, 'key' | 'params' | 'options'> & { modelId?: string }
/** The preview's verdict on a draft (its JSON): refused with the server's error, or accepted. */
export type PreviewVerdict = { draft: string; refusal: unknown | null }

const statusColor = { won: 'teal', open: 'blue', lost: 'gray' } as const

/** A change of share in percentage points, signed: "+12.5 pts". */
function formatChange(draft: string, current: string): { text: string; color: string } {
  const points = (Number(draft) - Number(current)) * 100
  if (Math.abs(points) < 0.05) return { text: '—', color: 'dimmed' }
  const text = `${points > 0 ? '+' : '−'}${new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }).format(Math.abs(points))} pts`
  return { text, color: points > 0 ? 'teal' : 'red' }
}

function DealPreview({ deal }: { deal: ModelPreviewView['deals'][number] }) {
  return (
    <Paper withBorder p="xs" radius="sm">
      <Group justify="space-between" gap="xs" mb={4}>
        <Text size="sm" fw={600}>
          {deal.name}
        </Text>
        <Group gap="xs">
          <Badge size="xs" variant="light" color={statusColor[deal.status]}>
            {deal.status}
          </Badge>
          <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums' }}>
            {formatMoney(deal.amount)}
          </Text>
        </Group>
      </Group>
      <Table verticalSpacing={2} fz="xs" aria-label={`Preview of ${deal.name}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Actor</Table.Th>
            <Table.Th ta="right">Now</Table.Th>
            <Table.Th ta="right">Draft</Table.Th>
            <Table.Th ta="right">Change</Table.Th>
            <Table.Th ta="right">Draft amount</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {deal.actors.map((actor) => {
            const change = formatChange(actor.draft.share, actor.current.share)
            return (
              <Table.Tr key={actor.actor} aria-label={actorName(actor)}>
                <Table.Td>
                  <Text size="xs" fw={500}>
                    {actorName(actor)}
                  </Text>
                  <Text size="xs" c="dimmed" lineClamp={2} title={actor.explanation}>
                    {actor.explanation}
                  </Text>
                </Table.Td>
                <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {formatShare(actor.current.share)}
                </Table.Td>
                <Table.Td ta="right" fw={600} style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {formatShare(actor.draft.share)}
                </Table.Td>
                <Table.Td ta="right" c={change.color} style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {change.text}
                </Table.Td>
                <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {formatMoney(actor.draft.amount)}
                </Table.Td>
              </Table.Tr>
            )
          })}
        </Table.Tbody>
      </Table>
    </Paper>
  )
}

export function ModelPreview({
  draft,
  waitingFor,
  onVerdict,
}: {
  /** The draft as JSON, or null while the form cannot make one. */
  draft: string | null
  /** Why there is no draft to preview yet. */
  waitingFor: string
  onVerdict: (verdict: PreviewVerdict) => void
}) {
  const [settled] = useDebouncedValue(draft, 400)
  const preview = useQuery({
    queryKey: creditKeys.preview(settled),
    queryFn: () => creditsApi.preview(JSON.parse(settled ?? '{}') as PreviewDraft),
    enabled: settled !== null,
    retry: false,
    placeholderData: keepPreviousData,
  })
  const report = useRef(onVerdict)
  report.current = onVerdict
  const isRefused = isApiError(preview.error, 422)
  // a learned model that has not learned these settings yet: nothing wrong to fix, just untrained
  const isUntrained =
    isApiError(preview.error, 422) &&
    (preview.error.problem.errors ?? []).some((e) => e.path === 'key' || e.path === 'modelId')
  useEffect(() => {
    if (settled === null || preview.isPlaceholderData || preview.isFetching) return
    if (preview.isSuccess) report.current({ draft: settled, refusal: null })
    else if (isRefused) report.current({ draft: settled, refusal: preview.error })
  }, [settled, preview.isSuccess, preview.isPlaceholderData, preview.isFetching, isRefused, preview.error])

  const isUpdating = draft !== settled || preview.isFetching
  return (
    <Stack gap="xs" role="region" aria-label="Preview on recent deals">
      <Group justify="space-between">
        <Title order={3} size="h5">
          Preview on recent deals
        </Title>
        {isUpdating && draft !== null ? (
          <Group gap={6} aria-live="polite">
            <Loader size={14} />
            <Text size="xs" c="dimmed">
              Updating…
            </Text>
          </Group>
        ) : null}
      </Group>
      {draft === null ? (
        <Text size="sm" c="dimmed">
          {waitingFor}
        </Text>
      ) : preview.isError ? (
        <Alert
          color={isUntrained ? 'blue' : isRefused ? 'orange' : 'red'}
          title={
            isUntrained
              ? 'No preview before training'
              : isRefused
                ? 'The engine refuses this draft'
                : 'No preview'
          }
        >
          {preview.error instanceof Error ? preview.error.message : 'The preview could not be made'}
        </Alert>
      ) : preview.data ? (
        <>
          <Text size="xs" c="dimmed">
            {preview.data.draft.description}: each actor’s share now (under {preview.data.compared.name}, v
            {preview.data.compared.version}) and under the draft. Nothing is saved until you save.
          </Text>
          {preview.data.deals.length === 0 ? (
            <Text size="sm" c="dimmed">
              No deals with touches yet: record touches on deals to see how the draft splits their credit.
            </Text>
          ) : (
            <ScrollArea.Autosize mah="calc(100vh - 320px)" type="auto">
              <Stack gap="xs">
                {preview.data.deals.map((deal) => (
                  <DealPreview key={deal.dealId} deal={deal} />
                ))}
              </Stack>
            </ScrollArea.Autosize>
          )}
        </>
      ) : (
        <Text size="sm" c="dimmed">
          Loading the preview…
        </Text>
      )}
    </Stack>
  )
}
