// Email and password sign-in; staff land on the console, partner users on the portal. When the typed
// email's domain signs in through its org's provider, the page offers single sign-on as well.
import { Alert, Button, Divider, PasswordInput, Stack, TextInput } from '@mantine/core'
import { useForm } from '@mantine/form'
import { IconLock, IconShieldLock } from '@tabler/icons-react'
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useNavigate } from '@tanstack/react-router'
import { useState } from 'react'
import type { MeView } from '../../../../src/modules/identity/identity.contract'
import { isApiError } from '../../ui/api-client'
import { useSubmit } from '../../ui/form-submit'
import { fieldsNamed, showProblem } from '../../ui/problem'
import { AuthFrame } from './auth-frame'
import { identityApi, identityKeys } from './identity-api'
import { homeFor, isPartnerUser } from './session'
import { ssoApi } from './sso-api'

/** Only same-site paths in the area the user belongs to are followed after sign-in. */
function destinationFor(me: MeView, redirect: string | undefined): string {
  const home = homeFor(me)
  if (!redirect?.startsWith('/') || redirect.startsWith('//') || redirect.startsWith('/login')) return home
  const isPortalPath = redirect === '/portal' || redirect.startsWith('/portal/')
  return isPortalPath === isPartnerUser(me) ? redirect : home
}

/** Asks, once the email is typed, whether its domain signs in through a provider; the start URL if so. */
function useSsoStart(email: string, redirect: string | undefined): string | null {
  const looksComplete = /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)
  const discovery = useQuery({
    queryKey: ['sso', 'discover', email],
    queryFn: () => ssoApi.discover(email),
    enabled: looksComplete,
    staleTime: 60_000,
    retry: false,
  })
  const startUrl = discovery.data?.sso ? discovery.data.startUrl : undefined
  if (!looksComplete || !startUrl) return null
  const url = new URL(startUrl, window.location.origin)
  if (redirect?.startsWith('/') && !redirect.startsWith('//')) url.searchParams.set('returnTo', redirect)
  return url.toString()
}

export function SignInPage({ redirect, ssoError }: { redirect?: string; ssoError?: string }) {
  const queryClient = useQueryClient()
  const navigate = useNavigate()
  const form = useForm({ initialValues: { email: '', password: '' } })
  // asked when the email field is left, not on every key
  const [typedEmail, setTypedEmail] = useState('')
  const ssoStart = useSsoStart(typedEmail, redirect)
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
          {ssoError ? (
            <Alert color="red" icon={<IconShieldLock />} title="Single sign-on failed">
              {ssoError}
            </Alert>
          ) : null}
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
            onBlur={(event) => {
              form.getInputProps('email').onBlur?.(event)
              setTypedEmail(event.currentTarget.value.trim())
            }}
          />
          {ssoStart ? (
            <>
              <Button
                component="a"
                href={ssoStart}
                variant="light"
                leftSection={<IconShieldLock size={18} />}
                fullWidth
              >
                Sign in with single sign-on
              </Button>
              <Divider label="or with your password" labelPosition="center" />
            </>
          ) : null}
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
