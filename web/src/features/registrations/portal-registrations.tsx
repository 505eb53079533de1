// Portal → Registrations: questions from the partner team waiting for an answer first, then every
// registration the partner made with its status and the date that matters (review due, protected
// until, the reason if rejected).
import { Button, Group, Paper, Stack, Table, Text, Textarea, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconPlus } from '@tabler/icons-react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { RegistrationView } from '../../../../src/modules/revenue/registrations/registrations.contract'
import { formatDate } from '../../ui/dates'
import { EmptyHint } from '../../ui/empty-hint'
import { useSubmit } from '../../ui/form-submit'
import { nounOf } from '../../ui/list-count'
import { formatMoney } from '../../ui/money'
import { PageHeader } from '../../ui/page-header'
import { PagedListView, usePagedList } from '../../ui/paged-list'
import { fieldsNamed, notifySuccess, showProblem } from '../../ui/problem'
import { ButtonLink } from '../../ui/router-link'
import { keyDateText, RegistrationStatusBadge } from './registration-parts'
import { registrationKeys, registrationsApi } from './registrations-api'

export function PortalRegistrations() {
  const list = usePagedList(registrationKeys.list({}), (cursor) => registrationsApi.list({}, cursor))
  const waiting = list.items.filter((registration) => registration.status === 'info_requested')
  return (
    <>
      <PageHeader
        title="Deal registrations"
        description="Register the opportunities you work on: approved ones are protected for you, and count toward your attributed revenue."
        actions={
          <ButtonLink to="/portal/registrations/new" leftSection={<IconPlus size={16} />}>
            Register a deal
          </ButtonLink>
        }
      />
      {waiting.length > 0 ? (
        <Stack gap="md" mb="lg">
          {waiting.map((registration) => (
            <AnswerCard key={registration.id} registration={registration} />
          ))}
        </Stack>
      ) : null}
      <PagedListView
        list={list}
        loadingLabel="Loading your registrations…"
        what="Registrations"
        noun={nounOf('registration')}
        empty={
          <EmptyHint
            title="No registrations yet"
            description="Register a deal you are working on: we check it against other partners’ registrations as you type."
            action={<ButtonLink to="/portal/registrations/new">Register a deal</ButtonLink>}
          />
        }
      >
        {(items) => (
          <Paper withBorder radius="md">
            <Table.ScrollContainer minWidth={720}>
              <Table verticalSpacing="sm" aria-label="Your registrations">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Account</Table.Th>
                    <Table.Th ta="right">Expected amount</Table.Th>
                    <Table.Th>Submitted</Table.Th>
                    <Table.Th miw={150}>Status</Table.Th>
                    <Table.Th>Protection and review</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((registration) => (
                    <Table.Tr key={registration.id}>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {registration.accountName}
                        </Text>
                        {registration.domain ? (
                          <Text size="xs" c="dimmed">
                            {registration.domain}
                          </Text>
                        ) : null}
                      </Table.Td>
                      <Table.Td ta="right">{formatMoney(registration.amount)}</Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>
                        {formatDate(registration.submittedAt)}
                      </Table.Td>
                      <Table.Td>
                        <RegistrationStatusBadge registration={{ ...registration, isOverdue: false }} />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{keyDateText(registration, 'partner')}</Text>
                        {registration.rejectionReason ? (
                          <Text size="xs" c="dimmed">
                            {registration.rejectionReason}
                          </Text>
                        ) : null}
                        {registration.isInactive ? (
                          <Text size="xs" c="orange">
                            No activity recorded on this deal since you registered it
                          </Text>
                        ) : null}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        )}
      </PagedListView>
    </>
  )
}

function AnswerCard({ registration }: { registration: RegistrationView }) {
  const queryClient = useQueryClient()
  const form = useForm({
    initialValues: { message: '' },
    validate: { message: (value) => (value.trim() ? null : 'Write your answer') },
  })
  const reply = useMutation({
    mutationFn: (message: string) => registrationsApi.reply(registration.id, message),
    onSuccess: async () => {
      notifySuccess('Answer sent: your registration is back in review')
      await queryClient.invalidateQueries({ queryKey: registrationKeys.all })
    },
    onError: (error) => showProblem(form, error, fieldsNamed('message')),
  })
  const submit = useSubmit(form, (values) => reply.mutateAsync(values.message.trim()))
  return (
    <Paper
      withBorder
      p="lg"
      radius="md"
      bg="yellow.0"
      component="section"
      aria-label={`Question about ${registration.accountName}`}
    >
      <Title order={2} size="h5" mb={4}>
        Your partner manager asks about {registration.accountName}
      </Title>
      <Text size="sm" mb="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {registration.infoRequest}
      </Text>
      <form onSubmit={submit} noValidate aria-label={`Answer about ${registration.accountName}`}>
        <Group align="flex-end">
          <Textarea
            label="Your answer"
            autosize
            minRows={2}
            style={{ flex: 1 }}
            {...form.getInputProps('message')}
          />
          <Button type="submit" loading={form.submitting}>
            Send answer
          </Button>
        </Group>
      </form>
    </Paper>
  )
}
