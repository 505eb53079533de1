// Console → Settings → Branding: the program's name, its colour, the domain partners reach the portal
// at, and its logo — what partners see in the portal and in mail. The server's objections land on
// their inputs; the portal preview shows the result before a partner does.
import { Button, ColorInput, FileButton, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core'
import { useForm } from '@mantine/form'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import type { BrandingView, UpdateBrandingInput } from '../../../../src/modules/identity/branding.contract'
import { Brand } from '../../ui/brand'
import { formatDateTime } from '../../ui/dates'
import { ErrorAlert, PageLoader } from '../../ui/feedback'
import { useSubmit } from '../../ui/form-submit'
import { PageHeader } from '../../ui/page-header'
import { notifyError, notifySuccess, showProblem } from '../../ui/problem'
import { brandColorStyle, brandingApi, brandingKey, useBranding } from './branding-api'

const fields = ['programName', 'primaryColor', 'portalDomain']
type Draft = { programName: string; primaryColor: string; portalDomain: string }

const toInput = (draft: Draft): UpdateBrandingInput => ({
  programName: draft.programName.trim() || null,
  primaryColor: draft.primaryColor.trim() || null,
  portalDomain: draft.portalDomain.trim() || null,
})

async function readBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return btoa(binary)
}

function BrandingForm({ branding }: { branding: BrandingView }) {
  const queryClient = useQueryClient()
  const form = useForm<Draft>({
    mode: 'controlled',
    initialValues: {
      programName: branding.programName ?? '',
      primaryColor: branding.primaryColor ?? '',
      portalDomain: branding.portalDomain ?? '',
    },
  })
  const refresh = () => queryClient.invalidateQueries({ queryKey: brandingKey })
  const save = useMutation({
    mutationFn: (draft: Draft) => brandingApi.save(toInput(draft)),
    onSuccess: async () => {
      notifySuccess('Branding saved: the portal and mail to partners show it')
      await refresh()
    },
    onError: (error) => showProblem(form, error, (path) => (fields.includes(path) ? path : null)),
  })
  const logo = useMutation({
    mutationFn: async (file: File) => {
      const contentType = file.type as 'image/png' | 'image/jpeg' | 'image/webp'
      return brandingApi.uploadLogo({ contentType, dataBase64: await readBase64(file) })
    },
    onSuccess: async () => {
      notifySuccess('Logo saved')
      await refresh()
    },
    onError: (error) => notifyError(error, 'The logo was not saved'),
  })
  const removeLogo = useMutation({
    mutationFn: brandingApi.removeLogo,
    onSuccess: refresh,
    onError: (error) => notifyError(error),
  })
  const submit = useSubmit(form, (values) => save.mutateAsync(values))
  const preview = toInput(form.values)
  return (
    <Stack gap="lg">
      <Paper withBorder p="lg" radius="md" component="section" aria-label="Branding">
        <form onSubmit={submit} noValidate aria-label="Branding form">
          <Group justify="space-between" mb="sm">
            <Title order={2} size="h4">
              Name, colour and domain
            </Title>
            <Text size="xs" c="dimmed">
              {branding.updatedAt
                ? `Saved ${formatDateTime(branding.updatedAt)}`
                : 'Credence’s own: not set yet'}
            </Text>
          </Group>
          <Stack gap="sm" mb="md">
            <TextInput
              label="Program name"
              description="Shown in the portal and as the sender of mail to partners"
              placeholder="Northwind Partner Network"
              {...form.getInputProps('programName')}
            />
            <ColorInput
              label="Main colour"
              description="Buttons, links and the portal’s header"
              format="hex"
              placeholder="#1f6feb"
              {...form.getInputProps('primaryColor')}
            />
            <TextInput
              label="Portal domain"
              description="Point it at this server; links in mail to partners use it"
              placeholder="partners.example.com"
              {...form.getInputProps('portalDomain')}
            />
          </Stack>
          <Group justify="flex-end">
            <Button type="submit" loading={form.submitting}>
              Save branding
            </Button>
          </Group>
        </form>
      </Paper>
      <Paper withBorder p="lg" radius="md" component="section" aria-label="Logo">
        <Title order={2} size="h4" mb="xs">
          Logo
        </Title>
        <Text size="sm" c="dimmed" mb="md">
          A PNG, JPEG or WebP image of at most 256 KB, shown in the portal’s header and at the top of mail.
        </Text>
        <Group>
          <FileButton onChange={(file) => file && logo.mutate(file)} accept="image/png,image/jpeg,image/webp">
            {(props) => (
              <Button variant="light" loading={logo.isPending} {...props}>
                Upload a logo
              </Button>
            )}
          </FileButton>
          {branding.logoUrl ? (
            <Button
              variant="subtle"
              color="red"
              loading={removeLogo.isPending}
              onClick={() => removeLogo.mutate()}
            >
              Remove the logo
            </Button>
          ) : null}
        </Group>
      </Paper>
      <Paper
        withBorder
        p="lg"
        radius="md"
        component="section"
        aria-label="Portal preview"
        style={{
          ...brandColorStyle(
            preview.primaryColor && /^#[0-9a-f]{6}$/i.test(preview.primaryColor)
              ? preview.primaryColor
              : null,
          ),
          borderTop: preview.primaryColor ? `3px solid ${preview.primaryColor}` : undefined,
        }}
      >
        <Text size="xs" c="dimmed" tt="uppercase" fw={700} mb="sm">
          Portal preview
        </Text>
        <Group justify="space-between">
          <Brand name={preview.programName} logoUrl={branding.logoUrl} suffix="Partner portal" />
          <Button size="xs">A button</Button>
        </Group>
      </Paper>
    </Stack>
  )
}

export function BrandingPage() {
  const branding = useBranding()
  return (
    <>
      <PageHeader
        title="Branding"
        description="Your program’s name, colour, logo and portal domain: what partners see in the portal and in mail."
      />
      {branding.isPending ? (
        <PageLoader label="Loading the branding…" />
      ) : branding.isError ? (
        <ErrorAlert error={branding.error} what="Branding" />
      ) : (
        <BrandingForm branding={branding.data} />
      )}
    </>
  )
}
