// An org's white label on the wire: the program's name, colour, logo and portal domain, as staff set
// them and as the portal, its sign-in page and mail show them.
import { z } from 'zod'
import { domainName, timestamp } from '../../platform/platform.contract'

export const hexColor = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^#[0-9a-f]{6}$/, 'must be a colour such as #1f6feb')

export const brandingView = z
  .object({
    programName: z.string().nullable().describe('Shown in the portal and in mail instead of the org’s name'),
    primaryColor: z.string().nullable().describe('The portal’s main colour (#rrggbb); null: the default'),
    portalDomain: z
      .string()
      .nullable()
      .describe('The domain partners reach the portal at; links in mail use it'),
    logoUrl: z.string().nullable().describe('Where the logo is served (public: mail shows it)'),
    updatedAt: timestamp.nullable(),
  })
  .meta({ id: 'Branding' })
export type BrandingView = z.infer<typeof brandingView>

export const updateBrandingInput = z.object({
  programName: z.string().trim().min(1).max(80).nullable(),
  primaryColor: hexColor.nullable(),
  portalDomain: domainName.max(253).nullable(),
})
export type UpdateBrandingInput = z.infer<typeof updateBrandingInput>

export const logoTypes = ['image/png', 'image/jpeg', 'image/webp'] as const
export const maxLogoBytes = 256 * 1024

export const logoInput = z.object({
  contentType: z.enum(logoTypes),
  dataBase64: z
    .string()
    .max(Math.ceil(maxLogoBytes / 3) * 4 + 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64'),
})
export type LogoInput = z.infer<typeof logoInput>

export const publicBrandingView = brandingView
  .omit({ updatedAt: true })
  .extend({
    orgName: z.string().nullable().describe('The org whose portal this domain is; null on any other'),
  })
  .meta({ id: 'PublicBranding' })
export type PublicBrandingView = z.infer<typeof publicBrandingView>
