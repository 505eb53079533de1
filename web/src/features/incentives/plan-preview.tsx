// "Preview on last quarter" beside the plan form: what every partner would have earned on last
// quarter's deals under the draft, next to the plans in force, asked again a moment after each change
// while the draft is valid. A refusal of the draft is shown here, not as a notification.
import { BarChart } from '@mantine/charts'
import {
  Alert,
  Group,
  Loader,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core'
import { useDebouncedValue } from '@mantine/hooks'
import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import type {
  PlanPreviewInput,
  PlanPreviewView,
} from '../../../../src/modules/incentives/incentives.contract'
import { isApiError } from '../../ui/api-client'
import { formatDate } from '../../ui/dates'
import { formatCount, formatMoney } from '../../ui/money'
import { AnchorLink } from '../../ui/router-link'
import { incentiveKeys, incentivesApi } from './incentives-api'
import {
  currentSeries,
  draftSeries,
  previewBars,
  previewCurrencies,
  signedMoney,
} from './plan-preview-figures'

const moneyCell = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const
const differenceColor = (minor: string) =>
  BigInt(minor) > 0n ? 'teal.8' : BigInt(minor) < 0n ? 'red.8' : undefined

function Refusal({ error }: { error: unknown }) {
  const detail = isApiError(error)
    ? (error.problem.detail ?? error.problem.title)
    : error instanceof Error
      ? error.message
      : 'unknown error'
  const errors = isApiError(error) ? (error.problem.errors ?? []) : []
  return (
    <Alert color="red" title="No preview">
      <Text size="sm">The server refuses this draft: {detail}</Text>
      {errors.length > 0 ? (
        <Stack gap={2} mt={4} component="ul" style={{ paddingLeft: 16, margin: 0 }}>
          {errors.map((item) => (
            <Text key={`${item.path}:${item.message}`} size="sm" component="li">
              {item.path ? `${item.path}: ` : ''}
              {item.message}
            </Text>
          ))}
        </Stack>
      ) : null}
    </Alert>
  )
}

function Figure({ label, color, children }: { label: string; color?: string | undefined; children: string }) {
  return (
    <Stack gap={0} component="section" aria-label={label}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} style={moneyCell} c={color}>
        {children}
      </Text>
    </Stack>
  )
}

function Totals({ view }: { view: PlanPreviewView }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: Math.min(view.totals.length, 2) }}>
      {view.totals.map((total) => (
        <Paper
          key={total.current.currency}
          withBorder
          p="md"
          radius="md"
          component="section"
          aria-label={`Totals in ${total.current.currency}`}
        >
          <SimpleGrid cols={3} spacing="sm">
            <Figure label={currentSeries}>{formatMoney(total.current)}</Figure>
            <Figure label={draftSeries}>{formatMoney(total.draft)}</Figure>
            <Figure label="Difference" color={differenceColor(total.difference.amountMinor)}>
              {signedMoney(total.difference)}
            </Figure>
          </SimpleGrid>
        </Paper>
      ))}
    </SimpleGrid>
  )
}

function PartnersChart({ view }: { view: PlanPreviewView }) {
  const currencies = previewCurrencies(view)
  const [picked, setPicked] = useState<string | null>(null)
  const currency = picked && currencies.includes(picked) ? picked : currencies[0]
  if (!currency) return null
  const data = previewBars(view, currency)
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Text size="sm" fw={600}>
          Partners the draft changes most
        </Text>
        {currencies.length > 1 ? (
          <SegmentedControl size="xs" data={currencies} value={currency} onChange={setPicked} />
        ) : null}
      </Group>
      {data.length === 0 ? (
        <Text size="sm" c="dimmed">
          No partner’s commission in {currency} changes.
        </Text>
      ) : (
        <BarChart
          h={Math.max(160, data.length * 44)}
          data={data}
          dataKey="partner"
          orientation="vertical"
          withLegend
          yAxisProps={{ width: 150 }}
          gridAxis="x"
          series={[
            { name: currentSeries, color: 'gray.5' },
            { name: draftSeries, color: 'blue.6' },
          ]}
          valueFormatter={(value) =>
            formatMoney({ amountMinor: String(Math.round(value)), currency }, { compact: true })
          }
          aria-label={`Current and draft commission of the partners the draft changes most, in ${currency}`}
        />
      )}
    </Stack>
  )
}

function PartnersTable({ view }: { view: PlanPreviewView }) {
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table verticalSpacing="xs" aria-label="Partners under the draft">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Partner</Table.Th>
            <Table.Th ta="right">Deals</Table.Th>
            <Table.Th ta="right">{currentSeries}</Table.Th>
            <Table.Th ta="right">{draftSeries}</Table.Th>
            <Table.Th ta="right">Difference</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {view.partners.map((row) => (
            <Table.Tr key={row.partnerId}>
              <Table.Td>
                <AnchorLink to="/partners/$partnerId" params={{ partnerId: row.partnerId }}>
                  {row.partnerName}
                </AnchorLink>
              </Table.Td>
              <Table.Td ta="right">{formatCount(row.deals)}</Table.Td>
              <Table.Td ta="right" style={moneyCell}>
                {formatMoney(row.current)}
              </Table.Td>
              <Table.Td ta="right" style={moneyCell}>
                {formatMoney(row.draft)}
              </Table.Td>
              <Table.Td ta="right" style={moneyCell} c={differenceColor(row.difference.amountMinor)}>
                {signedMoney(row.difference)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  )
}

function Problems({ view }: { view: PlanPreviewView }) {
  if (view.problems.length === 0) return null
  const shown = view.problems.slice(0, 5)
  return (
    <Alert color="yellow" title={`${formatCount(view.problems.length)} deals the draft cannot pay`}>
      <Stack gap={2}>
        {shown.map((problem) => (
          <Text key={`${problem.dealId}:${problem.reason}`} size="sm">
            <AnchorLink to="/deals/$dealId" params={{ dealId: problem.dealId }}>
              {problem.dealId}
            </AnchorLink>
            : {problem.reason}
          </Text>
        ))}
        {view.problems.length > shown.length ? (
          <Text size="sm" c="dimmed">
            and {formatCount(view.problems.length - shown.length)} more
          </Text>
        ) : null}
      </Stack>
    </Alert>
  )
}

/** `input` is null while the draft has mistakes of its own; the last figures stay until it is valid. */
export function PlanPreview({ input }: { input: PlanPreviewInput | null }) {
  const asked = input ? JSON.stringify(input) : null
  const [settled] = useDebouncedValue(asked, 600)
  const preview = useQuery({
    queryKey: incentiveKeys.preview(settled),
    queryFn: () => incentivesApi.previewPlan(JSON.parse(settled ?? '{}') as PlanPreviewInput),
    enabled: settled !== null,
    placeholderData: keepPreviousData,
    retry: false,
  })
  const isWaiting = asked !== null && (asked !== settled || preview.isFetching)
  const view = preview.data
  return (
    <Paper
      withBorder
      p="lg"
      radius="md"
      component="section"
      aria-label="Preview on last quarter"
      aria-busy={isWaiting}
    >
      <Group justify="space-between" align="baseline" mb="sm">
        <Title order={2} size="h4">
          Preview on last quarter
        </Title>
        {isWaiting ? (
          <Group gap={6} role="status">
            <Loader size="xs" />
            <Text size="xs" c="dimmed">
              Working it out…
            </Text>
          </Group>
        ) : view ? (
          <Text size="xs" c="dimmed">
            Deals closed {formatDate(view.from)} to {formatDate(view.to)}
          </Text>
        ) : null}
      </Group>
      {asked === null ? (
        <Text size="sm" c="dimmed" mb={view ? 'sm' : 0}>
          Fix the draft’s mistakes to see what it would have paid.
        </Text>
      ) : null}
      {preview.isError && !preview.isFetching ? (
        <Refusal error={preview.error} />
      ) : view ? (
        <Stack gap="md" opacity={isWaiting ? 0.6 : 1}>
          {view.totals.length === 0 ? (
            <Text size="sm" c="dimmed">
              No deal closed last quarter earns under the plans in force or under this draft.
            </Text>
          ) : (
            <Totals view={view} />
          )}
          <Problems view={view} />
          {view.partners.length > 0 ? (
            <>
              <PartnersChart view={view} />
              <PartnersTable view={view} />
            </>
          ) : null}
        </Stack>
      ) : preview.isPending && settled !== null ? (
        <Group gap="xs" py="md" justify="center">
          <Loader size="sm" />
          <Text size="sm" c="dimmed">
            Working out last quarter…
          </Text>
        </Group>
      ) : null}
    </Paper>
  )
}
