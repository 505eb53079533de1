// The console's "why" panel on a deal: for the paying model or any enabled one, each actor's share
// and amount on one bar, then each actor's explanation with the touches and weights behind it.
import { Badge, Group, Paper, Select, Stack, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import type { DealAttributionView, ModelView } from '../../../../src/modules/credits/credits.contract'
import { EmptyHint } from '../../ui/empty-hint'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { formatMoney } from '../../ui/money'
import { AnchorLink } from '../../ui/router-link'
import { CreditExplanation } from './credit-explanation'
import { actorName, formatShare } from './credit-math'
import { creditKeys, creditsApi } from './credits-api'
import { ShareBar } from './share-bar'

export const enabledModels = (models: ModelView[]): ModelView[] =>
  models
    .filter((model) => model.role !== 'off')
    .sort((a, b) => (a.role === 'paying' ? -1 : b.role === 'paying' ? 1 : 0))

/** The deal's credit under a model (the paying one when none is chosen), shared with the timeline. */
export function useDealAttribution(dealId: string, modelId: string | null) {
  return useQuery({
    queryKey: creditKeys.deal(dealId, modelId),
    queryFn: () => creditsApi.dealAttribution(dealId, modelId ?? undefined),
    retry: (count, error) =>
      count < 2 && !(error instanceof Error && 'status' in error && error.status === 404),
  })
}

function ActorCredit({ credit, index }: { credit: DealAttributionView['credits'][number]; index: number }) {
  const name = actorName(credit)
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={`Credit for ${name}`}>
      <Group justify="space-between" align="baseline" mb="xs" wrap="wrap">
        <Group gap="xs">
          {credit.actor === 'direct' ? (
            <Text fw={600}>{name}</Text>
          ) : (
            <AnchorLink to="/partners/$partnerId" params={{ partnerId: credit.actor }} fw={600}>
              {name}
            </AnchorLink>
          )}
          <Badge variant="light" color="gray" size="sm">
            #{index + 1}
          </Badge>
        </Group>
        <Text fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
          {formatShare(credit.share)} · {formatMoney(credit.amount)}
        </Text>
      </Group>
      <CreditExplanation credit={credit} label={`How ${name} earned its share`} linkToTimeline />
    </Paper>
  )
}

export function DealCreditPanel({
  dealId,
  models,
  modelId,
  onModelChange,
}: {
  dealId: string
  models: ModelView[]
  modelId: string | null
  onModelChange: (modelId: string | null) => void
}) {
  const attribution = useDealAttribution(dealId, modelId)
  const enabled = enabledModels(models)
  const paying = enabled.find((model) => model.role === 'paying')
  const data = attribution.data

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Why this credit">
      <Group justify="space-between" align="flex-end" mb="md" wrap="wrap">
        <div>
          <Title order={2} size="h4">
            Why this credit
          </Title>
          <Text size="sm" c="dimmed">
            {data
              ? `${data.model.name} (version ${data.model.version}${data.model.role === 'paying' ? ', paying' : ''})`
              : 'Each actor’s share of the deal and how it was earned'}
          </Text>
        </div>
        <Select
          label="Attribution model"
          data={enabled.map((model) => ({
            value: model.id,
            label: model.role === 'paying' ? `${model.name} (paying)` : model.name,
          }))}
          value={modelId ?? paying?.id ?? null}
          onChange={(value) => onModelChange(value === paying?.id ? null : value)}
          allowDeselect={false}
          w={260}
        />
      </Group>
      {attribution.isPending ? (
        <PageLoader label="Loading credit…" />
      ) : attribution.isError ? (
        <ErrorAlert error={attribution.error} what="Credit" />
      ) : !data || data.credits.length === 0 ? (
        <EmptyHint
          size="sm"
          title="No credit yet"
          description="Credit appears once the deal has touches; it is recomputed as each touch arrives."
        />
      ) : (
        <Stack gap="md">
          <ShareBar credits={data.credits} label={`Shares of the deal under ${data.model.name}`} />
          {data.notes.map((note) => (
            <Text key={note} size="sm" c="dimmed">
              {note}
            </Text>
          ))}
          {data.credits.map((credit, i) => (
            <ActorCredit key={credit.actor} credit={credit} index={i} />
          ))}
        </Stack>
      )}
    </Paper>
  )
}
