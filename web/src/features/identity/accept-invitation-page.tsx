// An invitee opens their link, chooses a name and password, and is signed in.
import { Alert, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core'
import { IconMailOff } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { type FormEvent, useState } from 'react'
import { formatDateTime } from '../../ui/dates'
import { PageLoader } from '../../ui/feedback'
import { humanize } from '../../ui/labels'
import { fieldsNamed, useFieldErrors } from '../../ui/problem'
import { AnchorLink } from '../../ui/router-link'
import { AuthFrame } from './auth-frame'
import { identityApi, identityKeys } from './identity-api'
import { homeFor } from './session'

export function AcceptInvitationPage({ token }: { token: string }) {
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const preview = useQuery({
    queryKey: identityKeys.invitationPreview(token),
    queryFn: () => identityApi.invitationPreview(token),
    retry: false,
  })
  const [name, setName] = useState('')
  const [password, setPassword] = useState('')
  const fields = useFieldErrors()
  const accept = useMutation({
    mutationFn: identityApi.acceptInvitation,
    onSuccess: async (me) => {
      queryClient.setQueryData(identityKeys.me, me)
      await navigate({ to: homeFor(me) })
    },
    onError: (error) => fields.show(error, fieldsNamed('name', 'password')),
  })

  if (preview.isPending) return <PageLoader label="Checking your invitation…" />
  if (preview.isError) {
    return (
      <AuthFrame title="This invitation cannot be used">
        <Alert color="orange" icon={<IconMailOff />}>
          The link is not valid, has expired or was already used. Ask the person who invited you to send a new
          invitation.
        </Alert>
        <AnchorLink to="/login">Go to sign in</AnchorLink>
      </AuthFrame>
    )
  }

  const invitation = preview.data
  const submit = (event: FormEvent) => {
    event.preventDefault()
    fields.clear()
    accept.mutate({ token, name: name.trim(), password })
  }

  return (
    <AuthFrame
      title={`Join ${invitation.orgName}`}
      subtitle={
        invitation.partnerName
          ? `You are invited as ${humanize(invitation.role)} for ${invitation.partnerName}.`
          : `You are invited as ${humanize(invitation.role)}.`
      }
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <TextInput label="Email" value={invitation.email} readOnly />
          <TextInput
            label="Your name"
            required
            autoComplete="name"
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={fields.errors.name}
          />
          <PasswordInput
            label="Choose a password"
            description="At least 10 characters"
            required
            autoComplete="new-password"
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={fields.errors.password}
          />
          <Button type="submit" loading={accept.isPending} fullWidth>
            Create account and sign in
          </Button>
          <Text size="xs" c="dimmed">
            This invitation expires {formatDateTime(invitation.expiresAt)}.
          </Text>
        </Stack>
      </form>
    </AuthFrame>
  )
}
