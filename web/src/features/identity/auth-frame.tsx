// The centred card that the sign-in and invitation pages sit in: Credence's mark, or on an org's portal
// domain its logo, program name and colour (read without a session).
import { Center, Paper, Stack, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import type { PublicBrandingView } from '../../../../src/modules/identity/branding.contract'
import { http } from '../../ui/api-client'
import { Brand } from '../../ui/brand'
import { brandColorStyle } from './branding-api'

export function AuthFrame({
  title,
  subtitle,
  children,
}: {
  title: string
  subtitle?: ReactNode
  children: ReactNode
}) {
  const branding = useQuery({
    queryKey: ['branding', 'public'],
    queryFn: () => http.get<PublicBrandingView>('/branding'),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  }).data
  return (
    <Center
      mih="100vh"
      p="md"
      bg="var(--mantine-color-gray-light)"
      style={brandColorStyle(branding?.primaryColor)}
    >
      <Paper withBorder shadow="sm" radius="md" p="xl" w="100%" maw={420}>
        <Stack gap="lg">
          <Brand name={branding?.programName ?? branding?.orgName} logoUrl={branding?.logoUrl} />
          <Stack gap={4}>
            <Title order={1} size="h3">
              {title}
            </Title>
            {subtitle ? <Text c="dimmed">{subtitle}</Text> : null}
          </Stack>
          {children}
        </Stack>
      </Paper>
    </Center>
  )
}
