// The partner's own credit on a deal under the paying model: share, amount, how it was earned, and
// how much the others took, without saying who they are.
import { Group, Paper, Text, Title } from '@mantine/core'
import { EmptyHint } from '../../ui/empty-hint'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { formatMoney } from '../../ui/money'
import { CreditExplanation } from './credit-explanation'
import { formatShare } from './credit-math'
import { useDealAttribution } from './deal-credit-panel'
import { ShareBar } from './share-bar'

export function PortalDealCredit({ dealId }: { dealId: string }) {
  const attribution = useDealAttribution(dealId, null)
  const data = attribution.data
  const own = data?.credits[0]

  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Your credit">
      <Title order={2} size="h4" mb="xs">
        Your credit on this deal
      </Title>
      {attribution.isPending ? (
        <PageLoader label="Loading your credit…" />
      ) : attribution.isError ? (
        <ErrorAlert error={attribution.error} what="Credit" />
      ) : !data || !own ? (
        <EmptyHint
          size="sm"
          title="No credit on this deal yet"
          description="Credit follows your recorded touches; tell your partner manager about your work on it."
        />
      ) : (
        <>
          <Group justify="space-between" align="baseline" mb="sm" wrap="wrap">
            <Text size="sm" c="dimmed">
              Under {data.model.name}, on a deal of {formatMoney(data.amount)}
            </Text>
            <Text fz="xl" fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
              {formatShare(own.share)} · {formatMoney(own.amount)}
            </Text>
          </Group>
          <ShareBar
            credits={[
              own,
              ...(data.othersShare && Number(data.othersShare) > 0
                ? [
                    {
                      actor: 'others',
                      partnerName: 'Others',
                      share: data.othersShare,
                      amount: remainder(data, own),
                    },
                  ]
                : []),
            ]}
            label="Your share of the deal"
          />
          {data.othersShare && Number(data.othersShare) > 0 ? (
            <Text size="sm" mt="xs">
              Others took the remaining {formatShare(data.othersShare)}.
            </Text>
          ) : null}
          <Title order={3} size="h5" mt="md" mb="xs">
            How you earned it
          </Title>
          <CreditExplanation credit={own} label="Your touches and their weights" linkToTimeline />
        </>
      )}
    </Paper>
  )
}

function remainder(
  data: { amount: { amountMinor: string; currency: string } },
  own: { amount: { amountMinor: string } },
): { amountMinor: string; currency: string } {
  return {
    amountMinor: (BigInt(data.amount.amountMinor) - BigInt(own.amount.amountMinor)).toString(),
    currency: data.amount.currency,
  }
}
