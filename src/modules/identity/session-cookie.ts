// The session cookie, set the same way by every sign-in: password, invitation, single sign-on.
import '@fastify/cookie'
import type { FastifyReply } from 'fastify'
import { sessionTtlMs } from './sessions.service'

export const sessionCookie = 'credence_session'

/** Sets the httpOnly session cookie; it is Secure when the app is served over https. */
export function setSessionCookie(reply: FastifyReply, token: string, publicUrl: string): void {
  reply.setCookie(sessionCookie, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: publicUrl.startsWith('https:'),
    path: '/',
    maxAge: sessionTtlMs / 1000,
  })
}
