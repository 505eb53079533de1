// Email and password sign-in; staff land on the console, partner users on the portal.
import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconLock } from '@tabler/icons-react'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import type { MeView } from '../../../../src/modules/identity/identity.contract'
import { isApiError } from '../../ui/api-client'
import { useSubmit } from '../../ui/form-submit'
import { fieldsNamed, showProblem } from '../../ui/problem'
import { AuthFrame } from './auth-frame'
import { identityApi, identityKeys } from './identity-api'
import { homeFor, isPartnerUser } from './session'

/** Only same-site paths in the area the user belongs to are followed after sign-in. */
function destinationFor(me: MeView, redirect: string | undefined): string {
  const home = homeFor(me)
  if (!redirect?.startsWith('/') || redirect.startsWith('//') || redirect.startsWith('/login')) return home
  const isPortalPath = redirect === '/portal' || redirect.startsWith('/portal/')
  return isPortalPath === isPartnerUser(me) ? redirect : home
}

export function SignInPage({ redirect }: { redirect?: string }) {
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const form = useForm({ initialValues: { email: '', password: '' } })
  const signIn = useMutation({
    mutationFn: identityApi.login,
    onSuccess: async (me) => {
      queryClient.setQueryData(identityKeys.me, me)
      await navigate({ href: destinationFor(me, redirect) })
    },
    onError: (error) => {
      if (isApiError(error, 400)) showProblem(form, error, fieldsNamed('email', 'password'))
    },
  })

  const submit = useSubmit(form, ({ email, password }) =>
    signIn.mutateAsync({ email: email.trim(), password }),
  )

  const failure = signIn.error && !isApiError(signIn.error, 400) ? signIn.error : null

  return (
    <AuthFrame title="Sign in" subtitle="Partner console and partner portal">
      <form onSubmit={submit} noValidate>
        <Stack>
          {failure ? (
            <Alert
              color="red"
              icon={<IconLock />}
              title={isApiError(failure, 429) ? 'Too many attempts' : 'Sign-in failed'}
            >
              {isApiError(failure, 401)
                ? (failure.problem.detail ?? 'The email or password is not right.')
                : isApiError(failure)
                  ? (failure.problem.detail ?? failure.problem.title)
                  : failure.message}
            </Alert>
          ) : null}
          <TextInput
            label="Email"
            type="email"
            autoComplete="username"
            required
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            required
            {...form.getInputProps('password')}
          />
          <Button type="submit" loading={form.submitting} fullWidth>
            Sign in
          </Button>
        </Stack>
      </form>
    </AuthFrame>
  )
}
