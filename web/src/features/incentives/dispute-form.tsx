// "Dispute this line" in a partner's receipt: a short form with what is wrong, why, and links to
// evidence; once sent, the receipt says the line is held until finance answers.
import { Alert, Button, Group, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconMessageReport } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { EntryView } from '../../../../src/modules/incentives/incentives.contract'
import { formatDate } from '../../ui/dates'
import { useSubmit } from '../../ui/form-submit'
import { notifySuccess, showProblem } from '../../ui/problem'
import { disputeFieldOf, type OpenDisputeDraft, openInputOf } from './dispute-drafts'
import { DisputeStatusBadge, dueText, evidenceHint } from './dispute-thread'
import { disputesApi, incentiveKeys } from './incentives-api'

function OpenDisputeForm({ entry, onCancel }: { entry: EntryView; onCancel: () => void }) {
  const queryClient = useQueryClient()
  const form = useForm<OpenDisputeDraft>({ initialValues: { subject: '', message: '', evidence: '' } })
  const open = useMutation({
    mutationFn: async (draft: OpenDisputeDraft) => {
      const built = openInputOf(entry.id, draft)
      if (!built.value) {
        form.setErrors(built.errors)
        throw new Error('invalid')
      }
      return disputesApi.open(built.value)
    },
    onSuccess: async (saved) => {
      queryClient.setQueryData(incentiveKeys.dispute(saved.id), saved)
      notifySuccess('Dispute sent: finance will answer on its thread')
      // the line is now held, and the dispute joins the list
      await queryClient.invalidateQueries({ queryKey: incentiveKeys.all })
    },
    onError: (error) => {
      if (error instanceof Error && error.message === 'invalid') return
      showProblem(form, error, disputeFieldOf)
    },
  })
  const submit = useSubmit(form, (draft) => open.mutateAsync(draft))
  return (
    <Paper withBorder p="md" radius="md">
      <form onSubmit={submit} noValidate aria-label="Dispute this line">
        <Stack gap="sm">
          <Title order={3} size="h5">
            Dispute this line
          </Title>
          <Text size="sm" c="dimmed">
            The line is held from payouts until finance answers. You can add to the thread meanwhile.
          </Text>
          <TextInput
            label="Subject"
            placeholder="e.g. The rate should be 12%"
            required
            maxLength={200}
            data-autofocus
            {...form.getInputProps('subject')}
          />
          <Textarea
            label="Message"
            description="What you expected, and why"
            autosize
            minRows={3}
            required
            {...form.getInputProps('message')}
          />
          <Textarea
            label="Evidence links"
            description={evidenceHint}
            placeholder="https://"
            autosize
            minRows={2}
            {...form.getInputProps('evidence')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
            <Button type="submit" loading={form.submitting}>
              Send dispute
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  )
}

/** The partner's disputes of this line, or the way to open one. */
export function LineDispute({ entry }: { entry: EntryView }) {
  const [isWriting, setWriting] = useState(false)
  const disputes = useQuery({
    queryKey: incentiveKeys.disputeList(),
    queryFn: () => disputesApi.list(),
  })
  const own = disputes.data?.items.filter((dispute) => dispute.entryId === entry.id) ?? []
  const open = own.find((dispute) => dispute.status === 'open')
  if (disputes.isPending) return null
  if (open)
    return (
      <Alert color="orange" title="You disputed this line" icon={<IconMessageReport />}>
        <Stack gap={4}>
          <Group gap="xs">
            <Text size="sm" fw={600}>
              {open.subject}
            </Text>
            <DisputeStatusBadge dispute={open} />
          </Group>
          <Text size="sm">
            Opened {formatDate(open.openedAt)} · {dueText(open)}. It is held from payouts until then; follow
            the thread under Your disputes.
          </Text>
        </Stack>
      </Alert>
    )
  if (isWriting) return <OpenDisputeForm entry={entry} onCancel={() => setWriting(false)} />
  return (
    <Group justify="space-between" wrap="nowrap">
      <Text size="sm" c="dimmed">
        {own.length > 0
          ? `Disputed before: ${own.map((dispute) => dispute.status).join(', ')}.`
          : 'Something wrong with this amount?'}
      </Text>
      <Button
        variant="default"
        leftSection={<IconMessageReport size={16} />}
        onClick={() => setWriting(true)}
      >
        Dispute this line
      </Button>
    </Group>
  )
}
