// Console → Business reviews: generate a partner's quarterly review (or every active partner's in the
// background, with progress), the reviews by quarter and partner, and one review with its chart,
// tables, goals editor, PDF and the switch that shares it in the partner's portal.
import { Anchor, Badge, Button, Group, Paper, Select, Stack, Switch, Table, Text, Title } from '@mantine/core'
import { IconDownload, IconFileAnalytics, IconRefresh } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useState } from 'react'
import type { QbrGoal, QbrView } from '../../../../src/modules/programs/qbr/qbr.contract'
import { BackgroundJobCard } from '../../ui/background-job-card'
import { formatDateTime } from '../../ui/dates'
import { EmptyHint } from '../../ui/empty-hint'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { formatCount, formatMoney } from '../../ui/money'
import { PageHeader } from '../../ui/page-header'
import { notifyError, notifySuccess } from '../../ui/problem'
import { AnchorLink } from '../../ui/router-link'
import { useMe } from '../identity/session'
import { PartnerPicker } from '../partners/partner-picker'
import { canRunProgram } from './programs-api'
import { lastEndedQuarter, qbrApi, qbrKeys, recentQuarters } from './qbr-api'
import { QbrGoalsEditor } from './qbr-goals-editor'
import { QbrFiguresView } from './qbr-view'

const sourceLabels = { on_demand: 'On demand', batch: 'All partners', scheduled: 'Scheduled' } as const

function GenerateCard() {
  const navigate = useNavigate()
  const quarters = recentQuarters(new Date())
  const [partnerId, setPartnerId] = useState<string | null>(null)
  const [quarter, setQuarter] = useState(lastEndedQuarter(new Date()))
  const generate = useMutation({
    mutationFn: () => qbrApi.generate(partnerId ?? '', { quarter }),
    onSuccess: (review) => {
      notifySuccess(`Review of ${review.quarter} generated for ${review.partnerName}`)
      void navigate({ to: '/business-reviews/$reviewId', params: { reviewId: review.id } })
    },
    onError: (error) => notifyError(error, 'Generate the review'),
  })
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Generate a review">
      <Title order={2} size="h4" mb="xs">
        Generate a review
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        Measures the partner’s quarter now and keeps it as a new version; earlier versions stay as they were.
      </Text>
      <Group align="flex-end" wrap="wrap">
        <PartnerPicker label="Partner" value={partnerId} onChange={setPartnerId} style={{ minWidth: 260 }} />
        <Select
          label="Quarter"
          data={quarters}
          value={quarter}
          onChange={(value) => value && setQuarter(value)}
          allowDeselect={false}
          w={140}
        />
        <Button
          leftSection={<IconFileAnalytics size={16} />}
          disabled={!partnerId}
          loading={generate.isPending}
          onClick={() => generate.mutate()}
        >
          Generate review
        </Button>
      </Group>
    </Paper>
  )
}

function ReviewsTable({ quarter, partnerId }: { quarter: string | null; partnerId: string | null }) {
  const list = useQuery({
    queryKey: qbrKeys.list(quarter, partnerId),
    queryFn: () => qbrApi.list({ quarter, partnerId }),
  })
  if (list.isPending) return <PageLoader label="Loading business reviews…" />
  if (list.isError) return <ErrorAlert error={list.error} what="Business reviews" />
  if (list.data.items.length === 0)
    return (
      <EmptyHint
        size="sm"
        title="No reviews yet"
        description="Generate one for a partner above, or every active partner’s for a quarter; the last quarter’s are also made on schedule once it ends."
      />
    )
  return (
    <Table.ScrollContainer minWidth={680}>
      <Table verticalSpacing="sm" aria-label="Business reviews">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Partner</Table.Th>
            <Table.Th>Quarter</Table.Th>
            <Table.Th ta="right">Attributed revenue</Table.Th>
            <Table.Th>Tier</Table.Th>
            <Table.Th ta="right">Health</Table.Th>
            <Table.Th>Version</Table.Th>
            <Table.Th>Portal</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data.items.map((item) => (
            <Table.Tr key={item.id}>
              <Table.Td>
                <AnchorLink to="/business-reviews/$reviewId" params={{ reviewId: item.id }}>
                  {item.partnerName}
                </AnchorLink>
              </Table.Td>
              <Table.Td>{item.quarter}</Table.Td>
              <Table.Td ta="right">
                {item.revenue.length === 0 ? '—' : item.revenue.map((m) => formatMoney(m)).join(' · ')}
              </Table.Td>
              <Table.Td>{item.tierName ?? '—'}</Table.Td>
              <Table.Td ta="right">{item.healthScore ?? '—'}</Table.Td>
              <Table.Td>
                <Text size="sm">
                  v{item.version}{' '}
                  <Text span size="xs" c="dimmed">
                    {sourceLabels[item.source]}
                  </Text>
                </Text>
              </Table.Td>
              <Table.Td>
                {item.isShared ? (
                  <Badge color="teal" variant="light">
                    Shared
                  </Badge>
                ) : (
                  <Badge color="gray" variant="light">
                    Private
                  </Badge>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {list.data.total > list.data.items.length ? (
        <Text size="xs" c="dimmed" mt="xs">
          The newest {formatCount(list.data.items.length)} of {formatCount(list.data.total)}
        </Text>
      ) : null}
    </Table.ScrollContainer>
  )
}

export function QbrListPage() {
  const me = useMe()
  const canRun = canRunProgram(me)
  const quarters = recentQuarters(new Date())
  const [runQuarter, setRunQuarter] = useState(lastEndedQuarter(new Date()))
  const [quarter, setQuarter] = useState<string | null>(null)
  const [partnerId, setPartnerId] = useState<string | null>(null)
  return (
    <>
      <PageHeader
        title="Business reviews"
        description="A quarterly review per partner: attributed revenue and pipeline by model, top deals, commissions, tier progress, health and goals — as a page and a PDF, shared in the portal when you choose."
      />
      <Stack gap="lg">
        {canRun ? <GenerateCard /> : null}
        {canRun ? (
          <BackgroundJobCard
            title="Every active partner"
            description={
              <Group gap="xs" component="span">
                <span>Generate the review of</span>
                <Select
                  size="xs"
                  data={quarters}
                  value={runQuarter}
                  onChange={(value) => value && setRunQuarter(value)}
                  allowDeselect={false}
                  w={110}
                  aria-label="Quarter for every partner"
                />
                <span>for each active partner, in the background.</span>
              </Group>
            }
            action="Generate for all partners"
            recent={{ key: qbrKeys.runs, fetch: qbrApi.runs }}
            one={{ key: qbrKeys.run, fetch: qbrApi.run }}
            start={() => qbrApi.startRun(runQuarter)}
            refreshes={qbrKeys.all}
            statusLine={(run) =>
              run.status === 'done'
                ? `${run.quarter}: ${formatCount(run.generated)} reviews generated`
                : run.status === 'failed'
                  ? `${run.quarter}: stopped — ${run.error ?? 'unknown error'}`
                  : `${run.quarter}: ${formatCount(run.done)} of ${formatCount(run.total)} partners`
            }
          />
        ) : null}
        <Paper withBorder p="lg" radius="md" component="section" aria-label="Reviews">
          <Group justify="space-between" mb="md" wrap="wrap">
            <Title order={2} size="h4">
              Reviews
            </Title>
            <Group gap="sm">
              <Select
                size="xs"
                placeholder="Every quarter"
                data={quarters}
                value={quarter}
                onChange={setQuarter}
                clearable
                w={140}
                aria-label="Filter by quarter"
              />
              <PartnerPicker
                size="xs"
                placeholder="Every partner"
                value={partnerId}
                onChange={setPartnerId}
                clearable
                aria-label="Filter by partner"
              />
            </Group>
          </Group>
          <ReviewsTable quarter={quarter} partnerId={partnerId} />
        </Paper>
      </Stack>
    </>
  )
}

function ReviewActions({ review }: { review: QbrView }) {
  const me = useMe()
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const refresh = (next: QbrView) => {
    queryClient.setQueryData(qbrKeys.one(next.id), next)
    void queryClient.invalidateQueries({ queryKey: qbrKeys.all })
  }
  const share = useMutation({
    mutationFn: (isShared: boolean) => qbrApi.share(review.id, isShared),
    onSuccess: (next) => {
      refresh(next)
      notifySuccess(next.isShared ? 'Shared in the partner’s portal' : 'No longer shown in the portal')
    },
    onError: (error) => notifyError(error, 'Share the review'),
  })
  const regenerate = useMutation({
    mutationFn: () => qbrApi.generate(review.partnerId, { quarter: review.quarter }),
    onSuccess: (next) => {
      refresh(next)
      notifySuccess(`Version ${next.version} generated`)
      void navigate({ to: '/business-reviews/$reviewId', params: { reviewId: next.id } })
    },
    onError: (error) => notifyError(error, 'Regenerate the review'),
  })
  return (
    <>
      <Button
        component="a"
        href={qbrApi.pdfUrl(review.id)}
        download
        variant="default"
        leftSection={<IconDownload size={16} />}
      >
        Download PDF
      </Button>
      {canRunProgram(me) ? (
        <>
          <Button
            variant="default"
            leftSection={<IconRefresh size={16} />}
            loading={regenerate.isPending}
            onClick={() => regenerate.mutate()}
          >
            Regenerate
          </Button>
          <Switch
            label="Share in portal"
            checked={review.isShared}
            disabled={share.isPending}
            onChange={(e) => share.mutate(e.currentTarget.checked)}
          />
        </>
      ) : null}
    </>
  )
}

export function QbrReviewPage({ reviewId }: { reviewId: string }) {
  const me = useMe()
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const review = useQuery({ queryKey: qbrKeys.one(reviewId), queryFn: () => qbrApi.get(reviewId) })
  const saveGoals = useMutation({
    mutationFn: (goals: QbrGoal[]) => qbrApi.saveGoals(reviewId, goals),
    onSuccess: (next) => {
      queryClient.setQueryData(qbrKeys.one(next.id), next)
      notifySuccess('Goals saved')
    },
    onError: (error) => notifyError(error, 'Save the goals'),
  })
  if (review.isPending) return <PageLoader label="Loading the review…" />
  if (review.isError) return <ErrorAlert error={review.error} what="Business review" />
  const r = review.data
  return (
    <>
      <PageHeader
        title={`${r.partnerName} · ${r.quarter}`}
        badge={
          <Group gap="xs">
            <Badge variant="light">v{r.version}</Badge>
            {r.isShared ? (
              <Badge color="teal" variant="light">
                Shared
              </Badge>
            ) : null}
          </Group>
        }
        description={
          <>
            Figures as of {formatDateTime(r.createdAt)} ({sourceLabels[r.source].toLowerCase()}).{' '}
            <Anchor component="span" size="sm">
              <AnchorLink to="/business-reviews">Every review</AnchorLink>
            </Anchor>
          </>
        }
        actions={<ReviewActions review={r} />}
      />
      {r.versions.length > 1 ? (
        <Select
          mb="md"
          w={260}
          label="Version"
          data={r.versions.map((v) => ({
            value: v.id,
            label: `v${v.version} · ${formatDateTime(v.createdAt)}${v.isShared ? ' · shared' : ''}`,
          }))}
          value={r.id}
          allowDeselect={false}
          onChange={(id) =>
            id && void navigate({ to: '/business-reviews/$reviewId', params: { reviewId: id } })
          }
        />
      ) : null}
      <QbrFiguresView
        review={r}
        goalsSlot={
          canRunProgram(me) ? (
            <QbrGoalsEditor
              key={`${r.id}:${r.updatedAt}`}
              goals={r.goals}
              currency={r.figures.chartCurrency}
              isSaving={saveGoals.isPending}
              onSave={(goals) => saveGoals.mutate(goals)}
            />
          ) : undefined
        }
      />
    </>
  )
}
