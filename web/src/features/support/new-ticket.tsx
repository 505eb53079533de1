// Console → Tickets → New ticket: the partner team opens a ticket for a partner (picked by name), with a
// subject, category, priority and the first message; it then waits on the partner, who is mailed.
import { Button, Group, Stack, Textarea } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import type {
  TicketCategory,
  TicketPriority,
} from '../../../../src/modules/programs/support/support.contract'
import { useSubmit } from '../../ui/form-submit'
import { fieldsNamed, notifySuccess, showProblem } from '../../ui/problem'
import { PartnerPicker } from '../partners/partner-picker'
import { supportApi, supportKeys } from './support-api'
import { TicketAboutFields } from './ticket-parts'

type StaffTicketDraft = {
  partnerId: string | null
  subject: string
  category: TicketCategory | null
  priority: TicketPriority
  message: string
}

const staffTicketFields = fieldsNamed('partnerId', 'subject', 'category', 'priority', 'message')

export function StaffTicketForm({ onCancel }: { onCancel: () => void }) {
  const navigate = useNavigate()
  const queryClient = useQueryClient()
  const form = useForm<StaffTicketDraft>({
    initialValues: { partnerId: null, subject: '', category: null, priority: 'normal', message: '' },
    validate: {
      partnerId: (value) => (value ? null : 'Choose the partner the ticket is for'),
      subject: (value) => (value.trim() ? null : 'Give the ticket a subject'),
      category: (value) => (value ? null : 'Choose what it is about'),
      message: (value) => (value.trim() ? null : 'Write the first message to the partner'),
    },
  })
  const open = useMutation({
    mutationFn: (draft: StaffTicketDraft) =>
      supportApi.open({
        partnerId: draft.partnerId!,
        subject: draft.subject,
        category: draft.category!,
        priority: draft.priority,
        message: draft.message,
      }),
    onSuccess: async (ticket) => {
      notifySuccess(`Ticket opened for ${ticket.partnerName}: they were mailed`)
      await queryClient.invalidateQueries({ queryKey: supportKeys.all })
      await navigate({ to: '/support/$ticketId', params: { ticketId: ticket.id } })
    },
    onError: (error) => showProblem(form, error, staffTicketFields),
  })
  const submit = useSubmit(form, (draft) => open.mutateAsync(draft))
  return (
    <form onSubmit={submit} noValidate aria-label="New ticket for a partner">
      <Stack gap="sm">
        <PartnerPicker
          label="Partner"
          required
          value={form.values.partnerId}
          onChange={(value) => form.setFieldValue('partnerId', value)}
          error={form.errors.partnerId}
        />
        <TicketAboutFields inputProps={form.getInputProps} />
        <Textarea label="Message" autosize minRows={4} required {...form.getInputProps('message')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={form.submitting}>
            Open ticket
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
