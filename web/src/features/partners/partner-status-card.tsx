// A partner's lifecycle: the allowed next statuses, a reason, and the audited history of moves.
import { Button, Paper, Select, Stack, Text, Textarea, Timeline, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import {
  type PartnerStatus,
  type PartnerView,
  partnerStatusMoves,
} from '../../../../src/modules/partners/partners.contract'
import { formatDateTime } from '../../ui/dates'
import { useSubmit } from '../../ui/form-submit'
import { humanize } from '../../ui/labels'
import { fieldsNamed, notifySuccess, showProblem } from '../../ui/problem'
import { PartnerStatusBadge } from './partner-status-badge'
import { partnerKeys, partnersApi } from './partners-api'

export function PartnerStatusCard({ partner, canEdit }: { partner: PartnerView; canEdit: boolean }) {
  const queryClient = useQueryClient()
  const form = useForm<{ status: PartnerStatus | null; reason: string }>({
    initialValues: { status: null, reason: '' },
    validate: { status: (value) => (value ? null : 'Choose the next status') },
  })
  const history = useQuery({
    queryKey: partnerKeys.history(partner.id),
    queryFn: () => partnersApi.history(partner.id),
  })
  const moves = partnerStatusMoves[partner.status]

  const change = useMutation({
    mutationFn: ({ status, reason }: { status: PartnerStatus; reason: string }) =>
      partnersApi.changeStatus(partner.id, { status, reason: reason.trim() || undefined }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(partnerKeys.detail(saved.id), saved)
      form.reset()
      notifySuccess(`${saved.name} is now ${humanize(saved.status).toLowerCase()}`)
      await queryClient.invalidateQueries({ queryKey: partnerKeys.all })
    },
    onError: (error) => showProblem(form, error, fieldsNamed('status', 'reason')),
  })
  const submit = useSubmit(form, ({ status, reason }) =>
    change.mutateAsync({ status: status as PartnerStatus, reason }),
  )

  return (
    <Paper withBorder p="lg" radius="md">
      <Stack>
        <Title order={2} size="h4">
          Status
        </Title>
        <div>
          <PartnerStatusBadge status={partner.status} />
        </div>
        {canEdit && moves.length > 0 ? (
          <form onSubmit={submit} noValidate aria-label="Change status">
            <Stack gap="xs">
              <Select
                label="Move to"
                placeholder="Choose the next status"
                data={moves.map((status) => ({ value: status, label: humanize(status) }))}
                {...form.getInputProps('status')}
              />
              <Textarea
                label="Reason"
                placeholder="Why the status changes (kept in the history)"
                autosize
                minRows={2}
                {...form.getInputProps('reason')}
              />
              <Button type="submit" disabled={!form.values.status} loading={form.submitting}>
                Change status
              </Button>
            </Stack>
          </form>
        ) : null}
        <Title order={3} size="h5" mt="sm">
          History
        </Title>
        {history.isPending ? (
          <Text size="sm" c="dimmed">
            Loading history…
          </Text>
        ) : history.isError ? (
          <Text size="sm" c="red">
            Could not load the status history.
          </Text>
        ) : history.data.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            No status changes yet.
          </Text>
        ) : (
          <Timeline bulletSize={14} lineWidth={2} aria-label="Status history">
            {history.data.items.map((item) => (
              <Timeline.Item
                key={`${item.at}-${item.to}`}
                title={
                  item.from
                    ? `${humanize(item.from)} → ${humanize(item.to)}`
                    : `Created as ${humanize(item.to)}`
                }
              >
                <Text size="xs" c="dimmed">
                  {formatDateTime(item.at)} · {item.actor}
                </Text>
                {item.reason ? <Text size="sm">{item.reason}</Text> : null}
              </Timeline.Item>
            ))}
          </Timeline>
        )}
      </Stack>
    </Paper>
  )
}
