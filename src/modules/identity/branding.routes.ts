// Branding routes: the org's white label read by everyone signed in and set by admins, the portal
// domain's branding for the sign-in page, and logos served by their content. Thin: parse, call, return.
import { z } from 'zod'
import { AppError } from '../../platform/app-error'
import { type App, scopeOf } from '../../platform/http'
import type { ModuleDeps } from '../../platform/module'
import { brandingView, logoInput, publicBrandingView, updateBrandingInput } from './branding.contract'
import {
  brandingForHost,
  getBranding,
  readLogo,
  removeLogo,
  setLogo,
  updateBranding,
} from './branding.service'

export function brandingRoutes(app: App, deps: ModuleDeps) {
  const { db } = deps
  const tags = ['identity']

  // GET /org/branding — the org's white label, as the portal dresses itself in it
  app.get(
    '/org/branding',
    {
      schema: {
        summary: 'The org’s branding',
        description:
          'The program’s name, main colour, logo and portal domain: what the portal shows partners and how mail to them is dressed. Defaults (all null) until an admin sets them.',
        tags,
        response: { 200: brandingView },
      },
    },
    (req) => getBranding(db, scopeOf(req)),
  )

  // PUT /org/branding — set the program's name, colour and portal domain (admins; audited)
  app.put(
    '/org/branding',
    {
      schema: {
        summary: 'Change the org’s branding',
        description:
          'Sets the program’s name, its main colour (#rrggbb) and the domain partners reach the portal at (links in mail use it; two orgs cannot share one). Null restores a default. Audited.',
        tags,
        body: updateBrandingInput,
        response: { 200: brandingView },
      },
    },
    (req) => updateBranding(db, scopeOf(req), req.body, deps.clock),
  )

  // PUT /org/branding/logo — replace the logo (admins; audited)
  app.put(
    '/org/branding/logo',
    {
      bodyLimit: 512 * 1024,
      schema: {
        summary: 'Upload the org’s logo',
        description:
          'Replaces the logo shown in the portal and in mail: a PNG, JPEG or WebP image of at most 256 KB, sent as base64 with its type (checked against the image’s first bytes). Audited.',
        tags,
        body: logoInput,
        response: { 200: brandingView },
      },
    },
    (req) => setLogo(db, scopeOf(req), req.body, deps.clock),
  )

  // DELETE /org/branding/logo — back to the program's name in place of a logo
  app.delete(
    '/org/branding/logo',
    {
      schema: {
        summary: 'Remove the org’s logo',
        description: 'Removes the logo: the portal and mail show the program’s name in its place. Audited.',
        tags,
        response: { 200: brandingView },
      },
    },
    (req) => removeLogo(db, scopeOf(req), deps.clock),
  )

  // GET /branding — the branding of the portal domain the request came to (the sign-in page reads it)
  app.get(
    '/branding',
    {
      config: { isPublic: true },
      schema: {
        summary: 'Branding of this portal domain',
        description:
          'Without a session: the name, colour and logo of the org whose portal domain the request was made to, so the sign-in page shows them; all null on any other domain.',
        tags,
        response: { 200: publicBrandingView },
      },
    },
    (req) => brandingForHost(db, req.hostname),
  )

  // GET /branding/logos/:hash — a logo by its content (public: mail shows it), cached for good
  app.get(
    '/branding/logos/:hash',
    {
      config: { isPublic: true },
      schema: {
        summary: 'A logo by its content hash',
        description:
          'The image bytes of a logo, addressed by the sha256 of its content (as the branding’s logoUrl gives it), so it can be cached for good. Public: mail shows it.',
        tags,
        params: z.object({ hash: z.string().regex(/^[0-9a-f]{64}$/, 'must be a sha256 in hex') }),
      },
    },
    async (req, reply) => {
      const logo = await readLogo(db, req.params.hash)
      if (!logo) throw new AppError('NOT_FOUND', 'No logo has this hash')
      return reply
        .header('content-type', logo.type)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .header('x-content-type-options', 'nosniff')
        .send(logo.bytes)
    },
  )
}
