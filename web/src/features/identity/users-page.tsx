// Staff and partner users: change a user's role or disable them; invitations sit below. A partner
// admin manages their own colleagues with the same panels in the portal (`forPartner`).
import { Paper, Select, Stack, Table, Text, Title } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import {
  isPartnerRole,
  partnerRoles,
  type Role,
  staffRoles,
  type UpdateUserInput,
  type UserView,
} from '../../../../src/modules/identity/identity.contract'
import { formatDateTime } from '../../ui/dates'
import { toOptions } from '../../ui/labels'
import { nounOf } from '../../ui/list-count'
import { PageHeader } from '../../ui/page-header'
import { PagedListView, usePagedList } from '../../ui/paged-list'
import { notifyError, notifySuccess } from '../../ui/problem'
import { PartnerName } from '../partners/partner-name'
import { identityApi, identityKeys } from './identity-api'
import { InvitationsPanel } from './invitations-panel'
import { useMe } from './session'

const statusOptions = [
  { value: 'active', label: 'Active' },
  { value: 'disabled', label: 'Disabled' },
]

export function UsersPage() {
  return (
    <>
      <PageHeader
        title="Users & invitations"
        description="Who can sign in to the console and the partner portal."
      />
      <Stack gap="lg">
        <UsersPanel />
        <InvitationsPanel />
      </Stack>
    </>
  )
}

/** The users a session may manage: the org's (staff), or a partner admin's colleagues. */
export function UsersPanel({ forPartner = false }: { forPartner?: boolean }) {
  const me = useMe()
  const queryClient = useQueryClient()
  const users = usePagedList(identityKeys.users, (cursor) => identityApi.listUsers(cursor))
  const update = useMutation({
    mutationFn: ({ user, changes }: { user: UserView; changes: UpdateUserInput }) =>
      identityApi.updateUser(user.id, changes),
    onSuccess: async (saved) => {
      notifySuccess(`Updated ${saved.name || saved.email}`)
      await queryClient.invalidateQueries({ queryKey: identityKeys.users })
    },
    onError: (error) => notifyError(error, 'Could not update the user'),
  })

  const roleOptions = (user: UserView) => toOptions(isPartnerRole(user.role) ? partnerRoles : staffRoles)

  return (
    <Paper withBorder p="lg" radius="md">
      <Title order={2} size="h4" mb="sm">
        {forPartner ? 'People' : 'Users'}
      </Title>
      <PagedListView list={users} loadingLabel="Loading users…" what="Users" noun={nounOf('user')}>
        {(items) => (
          <Table.ScrollContainer minWidth={760}>
            <Table verticalSpacing="sm" aria-label="Users">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Role</Table.Th>
                  {forPartner ? null : <Table.Th>Partner</Table.Th>}
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Last sign-in</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((user) => {
                  const isSelf = user.id === me.user.id
                  return (
                    <Table.Tr key={user.id}>
                      <Table.Td>
                        <Text fw={500}>{user.name || '—'}</Text>
                        <Text size="xs" c="dimmed">
                          {user.email}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Select
                          aria-label={`Role of ${user.email}`}
                          data={roleOptions(user)}
                          value={user.role}
                          allowDeselect={false}
                          disabled={isSelf}
                          onChange={(value) =>
                            value && update.mutate({ user, changes: { role: value as Role } })
                          }
                          w={190}
                        />
                      </Table.Td>
                      {forPartner ? null : (
                        <Table.Td>
                          {user.partnerId ? <PartnerName partnerId={user.partnerId} /> : '—'}
                        </Table.Td>
                      )}
                      <Table.Td>
                        <Select
                          aria-label={`Status of ${user.email}`}
                          data={statusOptions}
                          value={user.status}
                          allowDeselect={false}
                          disabled={isSelf}
                          onChange={(value) =>
                            value &&
                            update.mutate({
                              user,
                              changes: { status: value === 'disabled' ? 'disabled' : 'active' },
                            })
                          }
                          w={130}
                        />
                      </Table.Td>
                      <Table.Td>{formatDateTime(user.lastLoginAt, 'Never')}</Table.Td>
                    </Table.Tr>
                  )
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </PagedListView>
    </Paper>
  )
}
