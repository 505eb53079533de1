// An invitee opens their link, chooses a name and password, and is signed in.
import { Alert, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconMailOff } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { formatDateTime } from '../../ui/dates'
import { PageLoader } from '../../ui/feedback'
import { useSubmit } from '../../ui/form-submit'
import { humanize } from '../../ui/labels'
import { fieldsNamed, showProblem } from '../../ui/problem'
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
  const form = useForm({
    initialValues: { name: '', password: '' },
    validate: {
      name: (value) => (value.trim() ? null : 'Enter your name'),
      password: (value) => (value.length >= 10 ? null : 'Use at least 10 characters'),
    },
  })
  const accept = useMutation({
    mutationFn: identityApi.acceptInvitation,
    onSuccess: async (me) => {
      queryClient.setQueryData(identityKeys.me, me)
      await navigate({ to: homeFor(me) })
    },
    onError: (error) => showProblem(form, error, fieldsNamed('name', 'password')),
  })
  const submit = useSubmit(form, ({ name, password }) =>
    accept.mutateAsync({ token, name: name.trim(), password }),
  )

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
          <TextInput label="Your name" required autoComplete="name" {...form.getInputProps('name')} />
          <PasswordInput
            label="Choose a password"
            description="At least 10 characters"
            required
            autoComplete="new-password"
            {...form.getInputProps('password')}
          />
          <Button type="submit" loading={form.submitting} fullWidth>
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
