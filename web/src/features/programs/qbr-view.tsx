// A quarterly business review as console and portal both show it: revenue by model with a chart of
// this quarter against the last, pipeline, top deals, commissions, tier, health, certifications and
// the goals for next quarter. Every figure is the one kept when the review was generated.
import { BarChart } from '@mantine/charts'
import { Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core'
import type { QbrGoal, QbrView } from '../../../../src/modules/programs/qbr/qbr.contract'
import type { MoneyView } from '../../../../src/platform/platform.contract'
import { formatCount, formatMinor, formatMoney } from '../../ui/money'

const percent = (decimal: string) => `${(Number(decimal) * 100).toFixed(1)}%`
const changeText = (value: number | null) => (value === null ? 'new' : `${value > 0 ? '+' : ''}${value}%`)

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Paper withBorder p="md" radius="md" aria-label={label}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {value}
      </Text>
      {hint ? (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      ) : null}
    </Paper>
  )
}

const moneyList = (items: MoneyView[]) =>
  items.length === 0 ? '—' : items.map((m) => formatMoney(m)).join(' · ')

export function goalTarget(goal: QbrGoal): string | null {
  if (goal.targetMinor === null) return null
  return goal.currency
    ? formatMinor(BigInt(goal.targetMinor), goal.currency)
    : formatCount(Number(goal.targetMinor))
}

export function QbrGoalsList({ goals, quarter }: { goals: QbrGoal[]; quarter: string }) {
  if (goals.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No goals set for {quarter}.
      </Text>
    )
  return (
    <Stack gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {goals.map((goal, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: goals have no id; their place in the list names them
        <Group key={index} component="li" gap="xs">
          <Text size="sm">{goal.text}</Text>
          {goalTarget(goal) ? (
            <Badge variant="light" color="indigo">
              target {goalTarget(goal)}
            </Badge>
          ) : null}
        </Group>
      ))}
    </Stack>
  )
}

export function QbrFiguresView({ review, goalsSlot }: { review: QbrView; goalsSlot?: React.ReactNode }) {
  const f = review.figures
  const paying = f.models.find((m) => m.role === 'paying')
  const chartData = f.models.map((m) => {
    const line = m.revenue.find((r) => r.current.currency === f.chartCurrency)
    return {
      model: m.modelName,
      [review.quarter]: Number(line?.current.amountMinor ?? 0),
      [f.previousQuarter]: Number(line?.previous.amountMinor ?? 0),
    }
  })
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
        <Figure
          label="Attributed revenue"
          value={moneyList((paying?.revenue ?? []).map((r) => r.current))}
          hint={
            paying?.revenue[0]
              ? `${changeText(paying.revenue[0].changePercent)} on ${f.previousQuarter} · ${paying.modelName}`
              : `Under ${paying?.modelName ?? 'the paying model'}`
          }
        />
        <Figure label="Won deals" value={formatCount(f.wonDeals)} hint="In the quarter" />
        <Figure
          label="Commission earned"
          value={moneyList(f.commissions.map((c) => c.earned))}
          hint={f.commissions.length > 0 ? `paid ${moneyList(f.commissions.map((c) => c.paid))}` : undefined}
        />
        <Figure
          label="Health"
          value={f.health?.score === null || !f.health ? '—' : String(f.health.score)}
          hint={f.health ? f.health.band.replace('_', ' ') : 'Not scored yet'}
        />
      </SimpleGrid>

      <Paper withBorder p="lg" radius="md" component="section" aria-label="Attributed revenue by model">
        <Title order={2} size="h4" mb="md">
          Attributed revenue by model
        </Title>
        <BarChart
          h={Math.max(200, f.models.length * 44)}
          data={chartData}
          dataKey="model"
          orientation="vertical"
          yAxisProps={{ width: 160 }}
          gridAxis="x"
          withLegend
          series={[
            { name: review.quarter, color: 'indigo.6' },
            { name: f.previousQuarter, color: 'gray.4' },
          ]}
          valueFormatter={(value) =>
            formatMoney(
              { amountMinor: String(Math.round(value)), currency: f.chartCurrency },
              { compact: true },
            )
          }
          aria-label={`Attributed revenue by model in ${f.chartCurrency}: ${review.quarter} against ${f.previousQuarter}`}
        />
        <Table.ScrollContainer minWidth={560} mt="md">
          <Table aria-label="Revenue and pipeline by model">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Model</Table.Th>
                <Table.Th ta="right">{review.quarter}</Table.Th>
                <Table.Th ta="right">{f.previousQuarter}</Table.Th>
                <Table.Th ta="right">Change</Table.Th>
                <Table.Th ta="right">Pipeline (open)</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {f.models.map((m) => (
                <Table.Tr key={m.modelId}>
                  <Table.Td>
                    <Group gap={6}>
                      <Text size="sm" fw={m.role === 'paying' ? 700 : 400}>
                        {m.modelName}
                      </Text>
                      {m.role === 'paying' ? (
                        <Badge size="xs" variant="light">
                          paying
                        </Badge>
                      ) : null}
                    </Group>
                  </Table.Td>
                  <Table.Td ta="right">{moneyList(m.revenue.map((r) => r.current))}</Table.Td>
                  <Table.Td ta="right">{moneyList(m.revenue.map((r) => r.previous))}</Table.Td>
                  <Table.Td ta="right">
                    {m.revenue.map((r) => changeText(r.changePercent)).join(' · ') || '—'}
                  </Table.Td>
                  <Table.Td ta="right">{moneyList(m.pipeline.map((p) => p.amount))}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>

      <Paper withBorder p="lg" radius="md" component="section" aria-label="Top deals">
        <Title order={2} size="h4" mb="md">
          Top deals
        </Title>
        {f.topDeals.length === 0 ? (
          <Text size="sm" c="dimmed">
            No attributed won deals in {review.quarter}.
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table aria-label="Top deals by attributed amount">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Deal</Table.Th>
                  <Table.Th ta="right">Deal amount</Table.Th>
                  <Table.Th ta="right">Attributed</Table.Th>
                  <Table.Th ta="right">Share</Table.Th>
                  <Table.Th ta="right">Of revenue</Table.Th>
                  <Table.Th>Model</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {f.topDeals.map((d) => (
                  <Table.Tr key={d.dealId}>
                    <Table.Td>{d.dealName}</Table.Td>
                    <Table.Td ta="right">{formatMoney(d.dealAmount)}</Table.Td>
                    <Table.Td ta="right" fw={600}>
                      {formatMoney(d.credit)}
                    </Table.Td>
                    <Table.Td ta="right">{percent(d.share)}</Table.Td>
                    <Table.Td ta="right">{percent(d.shareOfRevenue)}</Table.Td>
                    <Table.Td>{d.modelName}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>

      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <Paper withBorder p="lg" radius="md" component="section" aria-label="Commissions">
          <Title order={2} size="h4" mb="sm">
            Commissions
          </Title>
          {f.commissions.length === 0 ? (
            <Text size="sm" c="dimmed">
              No commission lines dated in the quarter.
            </Text>
          ) : (
            f.commissions.map((c) => (
              <Stack key={c.earned.currency} gap={2}>
                <Text size="sm">Earned {formatMoney(c.earned)}</Text>
                <Text size="sm">Paid {formatMoney(c.paid)}</Text>
                <Text size="sm">Pending {formatMoney(c.pending)}</Text>
              </Stack>
            ))
          )}
        </Paper>
        <Paper withBorder p="lg" radius="md" component="section" aria-label="Tier">
          <Title order={2} size="h4" mb="sm">
            Tier
          </Title>
          <Text size="sm" fw={700}>
            {f.tier.current?.name ?? 'No tier held'}
          </Text>
          {f.tier.next ? (
            <Text size="sm" c="dimmed">
              Next: {f.tier.next.name} — {f.tier.next.met ? 'criteria met' : f.tier.next.summary}
            </Text>
          ) : null}
          <Text size="sm" mt="sm">
            {formatCount(f.certifications.valid)} valid certificates,{' '}
            {formatCount(f.certifications.earnedInQuarter)} earned in the quarter
          </Text>
          {f.certifications.names.length > 0 ? (
            <Text size="xs" c="dimmed">
              {f.certifications.names.join(', ')}
            </Text>
          ) : null}
        </Paper>
        <Paper withBorder p="lg" radius="md" component="section" aria-label="Health reasons">
          <Title order={2} size="h4" mb="sm">
            Health
          </Title>
          {f.health ? (
            <Stack gap={4}>
              {f.health.reasons.map((r) => (
                <Text key={r.key} size="sm">
                  {r.reason}
                </Text>
              ))}
            </Stack>
          ) : (
            <Text size="sm" c="dimmed">
              Not scored yet.
            </Text>
          )}
        </Paper>
      </SimpleGrid>

      <Paper withBorder p="lg" radius="md" component="section" aria-label="Goals">
        <Title order={2} size="h4" mb="sm">
          Goals for {f.nextQuarter}
        </Title>
        {goalsSlot ?? <QbrGoalsList goals={review.goals} quarter={f.nextQuarter} />}
      </Paper>
    </Stack>
  )
}
