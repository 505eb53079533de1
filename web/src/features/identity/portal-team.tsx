// Portal → Team: a partner admin invites colleagues to the partner, changes their roles and disables
// those who left. The server keeps them to their own partner.
import { Stack } from '@mantine/core'
import { PageHeader } from '../../ui/page-header'
import { InvitationsPanel } from './invitations-panel'
import { UsersPanel } from './users-page'

export function PortalTeam() {
  return (
    <>
      <PageHeader
        title="Team"
        description="Your colleagues who can sign in to this portal: invite them, set who is an admin, disable those who left."
      />
      <Stack gap="lg">
        <UsersPanel forPartner />
        <InvitationsPanel forPartner />
      </Stack>
    </>
  )
}
