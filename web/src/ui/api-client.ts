// The one place that talks HTTP to /api/v1: JSON in and out, problem+json errors, the CSRF header.
import type { Problem } from '../../../src/platform/platform.contract'

const base = '/api/v1'

let csrfToken: string | null = null

/** Remembered from the login / `GET /me` answer and sent back on every write. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token
}

/** A failed request, carrying the server's problem details. */
export class ApiError extends Error {
  readonly status: number
  readonly problem: Problem

  constructor(problem: Problem) {
    super(problem.detail ?? problem.title)
    this.name = 'ApiError'
    this.status = problem.status
    this.problem = problem
  }
}

export const isApiError = (error: unknown, status?: number): error is ApiError =>
  error instanceof ApiError && (status === undefined || error.status === status)

export type QueryParams = Record<string, string | number | boolean | null | undefined>

export function toQueryString(params: QueryParams = {}): string {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value))
  }
  const text = search.toString()
  return text ? `?${text}` : ''
}

async function readProblem(response: Response): Promise<Problem> {
  const fallback: Problem = {
    type: 'about:blank',
    title: response.statusText || 'Request failed',
    status: response.status,
    detail: `The server answered ${response.status} ${response.statusText}`.trim(),
  }
  const text = await response.text().catch(() => '')
  if (!text) return fallback
  try {
    const body: unknown = JSON.parse(text)
    if (body && typeof body === 'object' && 'title' in body)
      return { ...fallback, ...(body as Partial<Problem>) }
  } catch {
    // not JSON: keep the generic problem
  }
  return fallback
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'

async function request<T>(
  method: Method,
  path: string,
  body?: unknown,
  extraHeaders: Record<string, string> = {},
): Promise<T> {
  const headers: Record<string, string> = { ...extraHeaders, accept: 'application/json' }
  if (body !== undefined) headers['content-type'] = 'application/json'
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken
  let response: Response
  try {
    response = await fetch(`${base}${path}`, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch {
    throw new ApiError({
      type: 'about:blank',
      title: 'Network error',
      status: 0,
      detail: 'Could not reach the Credence server. Check your connection and try again.',
    })
  }
  if (!response.ok) throw new ApiError(await readProblem(response))
  if (response.status === 204) return undefined as T
  return (await response.json()) as T
}

export const http = {
  get: <T>(path: string, params?: QueryParams) => request<T>('GET', `${path}${toQueryString(params)}`),
  /** `headers` carries what a request needs beyond JSON and CSRF, e.g. an Idempotency-Key. */
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
    request<T>('POST', path, body ?? {}, headers),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: (path: string) => request<void>('DELETE', path),
}

/**
 * Sends a file as the request body (PUT), reporting the share sent so far: fetch cannot tell upload
 * progress, so this one request goes through XMLHttpRequest.
 */
export function upload<T>(
  path: string,
  file: Blob,
  contentType: string,
  onProgress: (fraction: number) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('PUT', `${base}${path}`)
    xhr.setRequestHeader('content-type', contentType)
    xhr.setRequestHeader('accept', 'application/json')
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken)
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total)
    }
    xhr.onerror = () =>
      reject(
        new ApiError({
          type: 'about:blank',
          title: 'Network error',
          status: 0,
          detail: 'Could not reach the Credence server. Check your connection and try again.',
        }),
      )
    xhr.onload = async () => {
      const response = new Response(xhr.responseText, { status: xhr.status, statusText: xhr.statusText })
      if (xhr.status >= 400) reject(new ApiError(await readProblem(response)))
      else resolve(JSON.parse(xhr.responseText) as T)
    }
    xhr.send(file)
  })
}
