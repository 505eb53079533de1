// What staff do with an open lead: route it again by the territories as they are now, assign it to a
// staff user (or themselves), start working it, convert it into a deal picked by name, or disqualify
// it with the reason. Each answer replaces the lead shown, and the lists refresh.
import { Button, Group, Paper, Select, Stack, Text, Textarea, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useQuery } from '@tanstack/react-query'
import { useMemo, useState } from 'react'
import { isPartnerRole } from '../../../../src/modules/identity/identity.contract'
import type { LeadDetailView } from '../../../../src/modules/revenue/leads/leads.contract'
import { useSubmit } from '../../ui/form-submit'
import { fieldsNamed, notifyError, showProblem } from '../../ui/problem'
import { useRecordAction } from '../../ui/record-action'
import { identityApi, identityKeys } from '../identity/identity-api'
import { useMe } from '../identity/session'
import { DealPicker } from '../journeys/deal-picker'
import { leadKeys, leadsApi } from './leads-api'

const useLeadAction = <T,>(leadId: string, send: (input: T) => Promise<LeadDetailView>, done: string) =>
  useRecordAction({ detail: leadKeys.detail(leadId), all: leadKeys.all }, send, done)

export function RoutingActions({ lead: l }: { lead: LeadDetailView }) {
  const me = useMe()
  const users = useQuery({
    queryKey: identityKeys.users,
    queryFn: () => identityApi.listUsers(),
    retry: false,
  })
  const staff = useMemo(
    () =>
      (users.data?.items ?? [])
        .filter((u) => !isPartnerRole(u.role) && u.status === 'active')
        .map((u) => ({ value: u.id, label: u.name })),
    [users.data],
  )
  const [userId, setUserId] = useState<string | null>(null)
  const reroute = useLeadAction(
    l.id,
    () => leadsApi.reroute(l.id),
    'Routed by the territories as they are now',
  )
  const assign = useLeadAction(
    l.id,
    (to: string | null) => leadsApi.assign(l.id, { userId: to }),
    'Assignment saved',
  )
  const onError = (error: unknown) => notifyError(error)
  return (
    <Stack gap="sm" mt="md">
      <Group gap="sm">
        <Button
          variant="default"
          size="xs"
          loading={reroute.isPending}
          onClick={() => reroute.mutate(undefined, { onError })}
        >
          Route again
        </Button>
        {l.assignee?.id === me.user.id ? null : (
          <Button
            variant="subtle"
            size="xs"
            loading={assign.isPending && assign.variables === me.user.id}
            onClick={() => assign.mutate(me.user.id, { onError })}
          >
            Assign to me
          </Button>
        )}
      </Group>
      {staff.length > 0 ? (
        <Group gap="sm" align="flex-end">
          <Select
            label="Assign to…"
            placeholder="Choose a staff user"
            searchable
            data={staff}
            value={userId}
            onChange={setUserId}
            w={240}
          />
          <Button
            size="sm"
            variant="light"
            disabled={!userId}
            loading={assign.isPending && assign.variables === userId}
            onClick={() => assign.mutate(userId, { onError })}
          >
            Assign
          </Button>
        </Group>
      ) : null}
    </Stack>
  )
}

export function LeadActions({ lead: l }: { lead: LeadDetailView }) {
  const start = useLeadAction(
    l.id,
    () => leadsApi.changeStatus(l.id, { status: 'working' }),
    'Working the lead',
  )
  const convertForm = useForm<{ dealId: string | null }>({
    initialValues: { dealId: null },
    validate: { dealId: (value) => (value ? null : 'Pick the deal the lead became') },
  })
  const convert = useLeadAction(
    l.id,
    (dealId: string) => leadsApi.changeStatus(l.id, { status: 'converted', dealId }),
    'Lead converted',
  )
  const submitConvert = useSubmit(convertForm, (values) =>
    convert
      .mutateAsync(values.dealId!)
      .catch((error) => showProblem(convertForm, error, fieldsNamed('dealId', 'status'))),
  )
  const disqualifyForm = useForm({
    initialValues: { reason: '' },
    validate: { reason: (value) => (value.trim() ? null : 'Say why the lead is disqualified') },
  })
  const disqualify = useLeadAction(
    l.id,
    (reason: string) => leadsApi.changeStatus(l.id, { status: 'disqualified', reason }),
    'Lead disqualified',
  )
  const submitDisqualify = useSubmit(disqualifyForm, (values) =>
    disqualify
      .mutateAsync(values.reason.trim())
      .catch((error) => showProblem(disqualifyForm, error, fieldsNamed('reason', 'status'))),
  )

  const disqualifyPanel = (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Disqualify">
      <form onSubmit={submitDisqualify} noValidate aria-label="Disqualify lead">
        <Stack gap="sm">
          <Title order={2} size="h4">
            Disqualify
          </Title>
          <Textarea label="Reason" autosize minRows={2} {...disqualifyForm.getInputProps('reason')} />
          <Button type="submit" color="red" variant="light" loading={disqualifyForm.submitting}>
            Disqualify
          </Button>
        </Stack>
      </form>
    </Paper>
  )

  if (l.status === 'new')
    return (
      <Stack gap="lg">
        <Paper withBorder p="lg" radius="md" component="section" aria-label="Next step">
          <Stack gap="sm">
            <Title order={2} size="h4">
              Next step
            </Title>
            <Text size="sm" c="dimmed">
              Start working the lead to convert it into a deal, or disqualify it now (spam, a mistake).
            </Text>
            <Button
              loading={start.isPending}
              onClick={() => start.mutate(undefined, { onError: (error) => notifyError(error) })}
            >
              Start working
            </Button>
          </Stack>
        </Paper>
        {disqualifyPanel}
      </Stack>
    )
  return (
    <Stack gap="lg">
      <Paper withBorder p="lg" radius="md" component="section" aria-label="Convert">
        <form onSubmit={submitConvert} noValidate aria-label="Convert lead">
          <Stack gap="sm">
            <Title order={2} size="h4">
              Convert
            </Title>
            <DealPicker
              label="Deal"
              value={convertForm.values.dealId}
              onChange={(value) => convertForm.setFieldValue('dealId', value)}
              error={convertForm.errors.dealId}
            />
            <Button type="submit" color="teal" loading={convertForm.submitting}>
              Convert
            </Button>
          </Stack>
        </form>
      </Paper>
      {disqualifyPanel}
    </Stack>
  )
}
