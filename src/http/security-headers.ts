// Security headers on every response, through @fastify/helmet: a CSP for the web app (and the API
// reference's own scripts), frame denial, nosniff, a strict referrer policy, HSTS behind https.
import type { FastifyHelmetOptions } from '@fastify/helmet'

export function securityHeaders(
  swaggerCsp: { script: string[]; style: string[] },
  publicUrl: string,
): FastifyHelmetOptions {
  const isHttps = publicUrl.startsWith('https:')
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", ...swaggerCsp.script],
        // Mantine sets style attributes at run time
        styleSrc: ["'self'", "'unsafe-inline'", ...swaggerCsp.style],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(isHttps ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    strictTransportSecurity: isHttps ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  }
}
