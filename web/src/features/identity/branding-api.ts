// The org's white label: read by both shells (the portal dresses itself in it), set by admins.
import { useQuery } from '@tanstack/react-query'
import type {
  BrandingView,
  LogoInput,
  UpdateBrandingInput,
} from '../../../../src/modules/identity/branding.contract'
import { http } from '../../ui/api-client'

export const brandingApi = {
  get: () => http.get<BrandingView>('/org/branding'),
  save: (input: UpdateBrandingInput) => http.put<BrandingView>('/org/branding', input),
  uploadLogo: (input: LogoInput) => http.put<BrandingView>('/org/branding/logo', input),
  removeLogo: () => http.delete('/org/branding/logo'),
}

export const brandingKey = ['org', 'branding'] as const

export const useBranding = () =>
  useQuery({ queryKey: brandingKey, queryFn: brandingApi.get, staleTime: 60_000 })

const hexToRgb = (hex: string) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)).join(', ')

/** The org's colour as the primary colour of everything inside (CSS variables inherit). */
export function brandColorStyle(color: string | null | undefined): Record<string, string> | undefined {
  if (!color) return undefined
  const rgb = hexToRgb(color)
  return {
    '--mantine-primary-color-filled': color,
    '--mantine-primary-color-filled-hover': `rgba(${rgb}, 0.88)`,
    '--mantine-primary-color-light': `rgba(${rgb}, 0.1)`,
    '--mantine-primary-color-light-hover': `rgba(${rgb}, 0.16)`,
    '--mantine-primary-color-light-color': color,
  }
}
