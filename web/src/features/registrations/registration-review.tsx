// Console → Registrations → one registration: what the partner registered, the conflicts it meets now
// with their evidence, its history, and the decisions: approve (a new deal, or an open deal picked),
// reject with a reason, ask the partner for more; once approved, extend its protection.
import {
  Button,
  Grid,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import type {
  RegistrationDetailView,
  RegistrationNoteView,
} from '../../../../src/modules/revenue/registrations/registrations.contract'
import { formatDate, formatDateTime } from '../../ui/dates'
import { Fact } from '../../ui/fact'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { useSubmit } from '../../ui/form-submit'
import { formatMoney } from '../../ui/money'
import { PageHeader } from '../../ui/page-header'
import { fieldsNamed, notifyError, showProblem } from '../../ui/problem'
import { useRecordAction } from '../../ui/record-action'
import { countryName } from '../../ui/region-select'
import { RemoteSelect } from '../../ui/remote-select'
import { AnchorLink } from '../../ui/router-link'
import { useMe } from '../identity/session'
import { dealOption } from '../journeys/deal-picker'
import { dealsApi } from '../journeys/journeys-api'
import { ConflictNotice, keyDateText, RegistrationStatusBadge } from './registration-parts'
import { canReviewRegistrations, registrationKeys, registrationsApi } from './registrations-api'

export function RegistrationReview({ registrationId }: { registrationId: string }) {
  const me = useMe()
  const registration = useQuery({
    queryKey: registrationKeys.detail(registrationId),
    queryFn: () => registrationsApi.get(registrationId),
  })
  if (registration.isPending) return <PageLoader label="Loading registration…" />
  if (registration.isError) return <ErrorAlert error={registration.error} what="Registration" />
  const r = registration.data
  const isOpen = r.status === 'pending' || r.status === 'info_requested'
  const canReview = canReviewRegistrations(me)
  return (
    <>
      <PageHeader
        title={r.accountName}
        badge={<RegistrationStatusBadge registration={r} isInline />}
        description={`Registered by ${r.partnerName ?? r.partnerId} on ${formatDateTime(r.submittedAt)} · ${keyDateText(r)}`}
      />
      <Text size="sm" mb="md">
        <AnchorLink to="/registrations">← Registrations</AnchorLink>
      </Text>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: canReview ? 8 : 12 }}>
          <Stack gap="lg">
            <Facts registration={r} />
            {isOpen ? (
              <Paper withBorder p="lg" radius="md" component="section" aria-label="Conflicts">
                <Title order={2} size="h4" mb="md">
                  Conflicts now
                </Title>
                <ConflictNotice conflicts={r.conflicts} isStaff />
              </Paper>
            ) : null}
            <History notes={r.history} />
          </Stack>
        </Grid.Col>
        {canReview ? (
          <Grid.Col span={{ base: 12, lg: 4 }}>
            {isOpen ? <Decisions registration={r} /> : null}
            {r.status === 'approved' ? <ExtendForm registration={r} /> : null}
          </Grid.Col>
        ) : null}
      </Grid>
    </>
  )
}

function Facts({ registration: r }: { registration: RegistrationDetailView }) {
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Registration">
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
        <Fact label="Partner">
          <AnchorLink to="/partners/$partnerId" params={{ partnerId: r.partnerId }}>
            {r.partnerName ?? r.partnerId}
          </AnchorLink>
        </Fact>
        <Fact label="Domain">{r.domain ?? '—'}</Fact>
        <Fact label="Country and industry">
          {[r.country ? countryName(r.country) : null, r.industry].filter(Boolean).join(' · ') || '—'}
        </Fact>
        <Fact label="Assignee">
          {r.assignee ? (r.assignee.name ?? r.assignee.id) : 'Unassigned: no territory takes this account'}
          {r.routingReason ? (
            <Text component="span" display="block" size="xs" c="dimmed">
              {r.routingReason}
            </Text>
          ) : null}
          {r.status === 'pending' || r.status === 'info_requested' ? <RouteAgain registration={r} /> : null}
        </Fact>
        <Fact label="Contact">
          {r.contact.name} · {r.contact.email}
        </Fact>
        <Fact label="Expected amount">{formatMoney(r.amount)}</Fact>
        <Fact label="Expected close">{formatDate(r.expectedCloseOn)}</Fact>
        <Fact label="Products">{r.products.length > 0 ? r.products.join(', ') : '—'}</Fact>
        <Fact label="Review due">
          {r.reviewDueAt ? formatDateTime(r.reviewDueAt) : '—'}
          {r.isOverdue ? ' (overdue)' : ''}
        </Fact>
        <Fact label="Protected until">
          {r.protectedUntil ? formatDate(r.protectedUntil) : '—'}
          {r.extensions > 0 ? ` (extended ${r.extensions}×)` : ''}
        </Fact>
        <Fact label="Deal">
          {r.dealId ? (
            <AnchorLink to="/deals/$dealId" params={{ dealId: r.dealId }}>
              View deal
            </AnchorLink>
          ) : (
            '—'
          )}
        </Fact>
      </SimpleGrid>
      {r.notes ? (
        <Text size="sm" mt="md" style={{ whiteSpace: 'pre-wrap' }}>
          {r.notes}
        </Text>
      ) : null}
      {r.isInactive ? (
        <Text size="sm" c="orange" mt="md">
          No partner activity since registration: the partner has not touched this deal since{' '}
          {formatDate(r.submittedAt)}.
        </Text>
      ) : null}
    </Paper>
  )
}

const noteLabels: Record<RegistrationNoteView['kind'], string> = {
  submitted: 'Submitted',
  info_requested: 'More information asked for',
  replied: 'Answered',
  approved: 'Approved',
  rejected: 'Rejected',
  extended: 'Protection extended',
  expired: 'Protection ended',
}

function History({ notes }: { notes: RegistrationNoteView[] }) {
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="History">
      <Title order={2} size="h4" mb="md">
        History
      </Title>
      <Timeline bulletSize={14} lineWidth={2}>
        {notes.map((note) => (
          <Timeline.Item key={`${note.kind}:${note.at}`} title={noteLabels[note.kind]}>
            <Text size="xs" c="dimmed">
              {formatDateTime(note.at)} · {note.side}
              {note.actor ? ` (${note.actor})` : ''}
            </Text>
            {note.message ? (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {note.message}
              </Text>
            ) : null}
          </Timeline.Item>
        ))}
      </Timeline>
    </Paper>
  )
}

/** Routes the registration by the territories as they are now (after one was added or changed). */
function RouteAgain({ registration: r }: { registration: RegistrationDetailView }) {
  const reroute = useDecision(
    r.id,
    () => registrationsApi.reroute(r.id),
    'Routed by the territories as they are now',
  )
  return (
    <Button
      size="compact-xs"
      variant="subtle"
      display="block"
      mt={4}
      loading={reroute.isPending}
      onClick={() => reroute.mutate(undefined, { onError: (error) => notifyError(error) })}
    >
      Route again
    </Button>
  )
}

/** Shared by every decision: the answer replaces the registration shown, and lists refresh. */
const useDecision = <T,>(
  registrationId: string,
  send: (input: T) => Promise<RegistrationDetailView>,
  done: string,
) =>
  useRecordAction({ detail: registrationKeys.detail(registrationId), all: registrationKeys.all }, send, done)

function Decisions({ registration: r }: { registration: RegistrationDetailView }) {
  const [target, setTarget] = useState<'new' | 'link'>('new')
  const suggested = r.conflicts.flatMap((c) => (c.evidence?.deal ? [dealOption(c.evidence.deal)] : []))
  const approveForm = useForm<{ dealId: string | null; note: string }>({
    initialValues: { dealId: suggested[0]?.value ?? null, note: '' },
  })
  const approve = useDecision(
    r.id,
    (values: { dealId: string | null; note: string }) =>
      registrationsApi.approve(r.id, {
        ...(target === 'link' && values.dealId ? { dealId: values.dealId } : {}),
        ...(values.note.trim() ? { note: values.note.trim() } : {}),
      }),
    'Registration approved',
  )
  const submitApprove = useSubmit(approveForm, (values) => {
    if (target === 'link' && !values.dealId) {
      approveForm.setFieldError('dealId', 'Pick the open deal to link')
      return Promise.resolve()
    }
    return approve
      .mutateAsync(values)
      .catch((error) => showProblem(approveForm, error, fieldsNamed('dealId', 'note')))
  })

  const rejectForm = useForm({
    initialValues: { reason: '' },
    validate: { reason: (value) => (value.trim() ? null : 'Say why: the partner reads it') },
  })
  const reject = useDecision(
    r.id,
    (reason: string) => registrationsApi.reject(r.id, reason),
    'Registration rejected',
  )
  const submitReject = useSubmit(rejectForm, (values) =>
    reject
      .mutateAsync(values.reason.trim())
      .catch((error) => showProblem(rejectForm, error, fieldsNamed('reason'))),
  )

  const askForm = useForm({
    initialValues: { message: '' },
    validate: { message: (value) => (value.trim() ? null : 'Write the question') },
  })
  const ask = useDecision(
    r.id,
    (message: string) => registrationsApi.requestInfo(r.id, message),
    'Question sent to the partner',
  )
  const submitAsk = useSubmit(askForm, (values) =>
    ask
      .mutateAsync(values.message.trim())
      .catch((error) => showProblem(askForm, error, fieldsNamed('message'))),
  )

  return (
    <Stack gap="lg">
      <Paper withBorder p="lg" radius="md" component="section" aria-label="Approve">
        <form onSubmit={submitApprove} noValidate aria-label="Approve registration">
          <Stack gap="sm">
            <Title order={2} size="h4">
              Approve
            </Title>
            <SegmentedControl
              aria-label="Deal"
              fullWidth
              value={target}
              onChange={(value) => setTarget(value === 'link' ? 'link' : 'new')}
              data={[
                { value: 'new', label: 'New deal' },
                { value: 'link', label: 'Link open deal' },
              ]}
            />
            {target === 'link' ? (
              <RemoteSelect
                label="Open deal"
                placeholder="Search open deals"
                nothingFoundMessage="No open deal by that name"
                queryKey={[...registrationKeys.detail(r.id), 'open-deals']}
                search={async (q) => {
                  if (!q && suggested.length > 0) return suggested
                  const page = await dealsApi.list({ status: 'open', q: q || r.accountName }, null, 25)
                  return page.items.map(dealOption)
                }}
                lookup={async (id) => dealOption(await dealsApi.get(id))}
                value={approveForm.values.dealId}
                onChange={(value) => approveForm.setFieldValue('dealId', value)}
                error={approveForm.errors.dealId}
              />
            ) : (
              <Text size="sm" c="dimmed">
                Creates the account (unless one has the domain) and an open deal for {formatMoney(r.amount)}.
              </Text>
            )}
            <TextInput label="Note to the partner" {...approveForm.getInputProps('note')} />
            <Button type="submit" color="teal" loading={approveForm.submitting}>
              Approve
            </Button>
          </Stack>
        </form>
      </Paper>
      <Paper withBorder p="lg" radius="md" component="section" aria-label="Reject">
        <form onSubmit={submitReject} noValidate aria-label="Reject registration">
          <Stack gap="sm">
            <Title order={2} size="h4">
              Reject
            </Title>
            <Textarea label="Reason" autosize minRows={2} {...rejectForm.getInputProps('reason')} />
            <Button type="submit" color="red" variant="light" loading={rejectForm.submitting}>
              Reject
            </Button>
          </Stack>
        </form>
      </Paper>
      {r.status === 'pending' ? (
        <Paper withBorder p="lg" radius="md" component="section" aria-label="Ask the partner">
          <form onSubmit={submitAsk} noValidate aria-label="Ask for more information">
            <Stack gap="sm">
              <Title order={2} size="h4">
                Ask for more information
              </Title>
              <Textarea label="Question" autosize minRows={2} {...askForm.getInputProps('message')} />
              <Button type="submit" variant="default" loading={askForm.submitting}>
                Ask the partner
              </Button>
            </Stack>
          </form>
        </Paper>
      ) : (
        <Text size="sm" c="dimmed">
          Waiting for the partner’s answer to: {r.infoRequest}
        </Text>
      )}
    </Stack>
  )
}

function ExtendForm({ registration: r }: { registration: RegistrationDetailView }) {
  const settings = useQuery({ queryKey: registrationKeys.settings, queryFn: registrationsApi.settings })
  const form = useForm<{ days: string; note: string }>({ initialValues: { days: '', note: '' } })
  const extend = useDecision(
    r.id,
    (values: { days: string; note: string }) =>
      registrationsApi.extend(r.id, {
        ...(values.days.trim() ? { days: Number(values.days) } : {}),
        ...(values.note.trim() ? { note: values.note.trim() } : {}),
      }),
    'Protection extended',
  )
  const submit = useSubmit(form, (values) =>
    extend.mutateAsync(values).catch((error) => showProblem(form, error, fieldsNamed('days', 'note'))),
  )
  const left = settings.data ? settings.data.maxExtensions - r.extensions : null
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label="Extend protection">
      <form onSubmit={submit} noValidate aria-label="Extend protection">
        <Stack gap="sm">
          <Title order={2} size="h4">
            Extend protection
          </Title>
          <Text size="sm" c="dimmed">
            Protected until {formatDate(r.protectedUntil)}
            {left !== null ? ` · ${left} extension${left === 1 ? '' : 's'} left` : ''}
          </Text>
          <TextInput
            label="Days"
            inputMode="numeric"
            placeholder={settings.data ? String(settings.data.extensionDays) : ''}
            {...form.getInputProps('days')}
          />
          <TextInput label="Note" {...form.getInputProps('note')} />
          <Button type="submit" variant="light" disabled={left === 0} loading={form.submitting}>
            Extend
          </Button>
        </Stack>
      </form>
    </Paper>
  )
}
