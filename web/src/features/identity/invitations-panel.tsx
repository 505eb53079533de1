// Invite someone by email with a role (and, for partner roles, their partner); show the link to share.
// A partner admin invites colleagues to their own partner (`forPartner`: partner roles, no picker).
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconX } from '@tabler/icons-react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import {
  isPartnerRole,
  partnerRoles,
  type Role,
  roles,
} from '../../../../src/modules/identity/identity.contract'
import { CopyableValue } from '../../ui/copyable-value'
import { formatDateTime } from '../../ui/dates'
import { useSubmit } from '../../ui/form-submit'
import { humanize, toOptions } from '../../ui/labels'
import { nounOf } from '../../ui/list-count'
import { LoadMore, usePagedList } from '../../ui/paged-list'
import { fieldsNamed, notifyError, notifySuccess, showProblem } from '../../ui/problem'
import { PartnerName } from '../partners/partner-name'
import { PartnerPicker } from '../partners/partner-picker'
import { type CreatedInvitationView, identityApi, identityKeys } from './identity-api'

export function InvitationsPanel({ forPartner = false }: { forPartner?: boolean }) {
  const queryClient = useQueryClient()
  const invitations = usePagedList(identityKeys.invitations, (cursor) => identityApi.listInvitations(cursor))
  const [created, setCreated] = useState<CreatedInvitationView | null>(null)
  const form = useForm<{ email: string; role: Role; partnerId: string | null }>({
    initialValues: { email: '', role: forPartner ? 'partner_member' : 'partner_manager', partnerId: null },
    validate: {
      email: (value) => (value.trim() ? null : 'Enter their email'),
      partnerId: (value, values) =>
        !forPartner && isPartnerRole(values.role) && !value ? 'Choose the partner they work for' : null,
    },
  })

  const invite = useMutation({
    mutationFn: identityApi.createInvitation,
    onSuccess: async (invitation) => {
      setCreated(invitation)
      form.setFieldValue('email', '')
      notifySuccess(`Invitation sent to ${invitation.email}`)
      await queryClient.invalidateQueries({ queryKey: identityKeys.invitations })
      await queryClient.invalidateQueries({ queryKey: identityKeys.mail })
    },
    onError: (error) => showProblem(form, error, fieldsNamed('email', 'role', 'partnerId')),
  })
  const revoke = useMutation({
    mutationFn: identityApi.revokeInvitation,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: identityKeys.invitations }),
    onError: (error) => notifyError(error, 'Could not revoke the invitation'),
  })

  const submit = useSubmit(form, ({ email, role, partnerId }) =>
    invite.mutateAsync({
      email: email.trim(),
      role,
      // a partner admin's invitation is for their own partner: the server takes it from the session
      partnerId: !forPartner && isPartnerRole(role) ? (partnerId ?? undefined) : undefined,
    }),
  )

  return (
    <Paper withBorder p="lg" radius="md">
      <Title order={2} size="h4" mb="sm">
        Invitations
      </Title>
      <form onSubmit={submit} noValidate aria-label="Invite a user">
        <Group align="flex-start" wrap="wrap" gap="sm">
          <TextInput label="Email" type="email" {...form.getInputProps('email')} w={280} />
          <Select
            label="Role"
            data={toOptions(forPartner ? partnerRoles : roles)}
            allowDeselect={false}
            {...form.getInputProps('role')}
            w={200}
          />
          {!forPartner && isPartnerRole(form.values.role) ? (
            <PartnerPicker
              label="Partner"
              placeholder="Their company"
              w={240}
              {...form.getInputProps('partnerId')}
            />
          ) : null}
          <Button type="submit" mt={25} loading={form.submitting}>
            Send invitation
          </Button>
        </Group>
      </form>
      {created ? (
        <Alert
          mt="md"
          color="teal"
          title={`Invitation for ${created.email}`}
          withCloseButton
          onClose={() => setCreated(null)}
        >
          <Text size="sm" mb={6}>
            It was mailed to them; you can also share this link. It expires{' '}
            {formatDateTime(created.expiresAt)}.
          </Text>
          <CopyableValue
            value={created.link}
            label="Invitation link"
            copyLabel="Copy invitation link"
            tooltip="Copy link"
          />
        </Alert>
      ) : null}
      {invitations.isPending ? null : invitations.items.length === 0 ? (
        <Text size="sm" c="dimmed" mt="md">
          {forPartner
            ? 'No invitations yet. Invite a colleague above.'
            : "No invitations yet. Invite a colleague or a partner's staff above."}
        </Text>
      ) : (
        <>
          <Table.ScrollContainer minWidth={640} mt="md">
            <Table verticalSpacing="xs" aria-label="Invitations">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Email</Table.Th>
                  <Table.Th>Role</Table.Th>
                  {forPartner ? null : <Table.Th>Partner</Table.Th>}
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Expires</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {invitations.items.map((invitation) => (
                  <Table.Tr key={invitation.id}>
                    <Table.Td>{invitation.email}</Table.Td>
                    <Table.Td>{humanize(invitation.role)}</Table.Td>
                    {forPartner ? null : (
                      <Table.Td>
                        {invitation.partnerId ? <PartnerName partnerId={invitation.partnerId} /> : '—'}
                      </Table.Td>
                    )}
                    <Table.Td>
                      <Badge variant="light" color={invitation.status === 'pending' ? 'blue' : 'gray'}>
                        {humanize(invitation.status)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>{formatDateTime(invitation.expiresAt)}</Table.Td>
                    <Table.Td>
                      {invitation.status === 'pending' ? (
                        <Tooltip label="Revoke">
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            aria-label={`Revoke invitation for ${invitation.email}`}
                            loading={revoke.isPending && revoke.variables === invitation.id}
                            onClick={() => revoke.mutate(invitation.id)}
                          >
                            <IconX size={16} />
                          </ActionIcon>
                        </Tooltip>
                      ) : null}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <LoadMore
            shown={invitations.items.length}
            total={invitations.total}
            noun={nounOf('invitation')}
            hasNextPage={invitations.hasNextPage}
            isFetchingNextPage={invitations.isFetchingNextPage}
            fetchNextPage={invitations.fetchNextPage}
          />
        </>
      )}
    </Paper>
  )
}
