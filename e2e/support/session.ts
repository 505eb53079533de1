// Demo logins and the ways the specs sign in: through the page like a user, or through the API.
import { type APIRequestContext, expect, type Page } from '@playwright/test'

export type DemoUser = { email: string; password: string; home: RegExp }

export const staff: DemoUser = { email: 'admin@demo.credence.dev', password: 'credence-demo', home: /\/$/ }
export const partnerUser: DemoUser = {
  email: 'partner@demo.credence.dev',
  password: 'credence-demo',
  home: /\/portal$/,
}

/** Signs in through the sign-in page, as a person does (sign-in.spec.ts covers the page itself). */
export async function signInThroughPage(page: Page, user: DemoUser): Promise<void> {
  await page.goto('/')
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
  await page.getByRole('textbox', { name: 'Email', exact: true }).fill(user.email)
  await page.getByRole('textbox', { name: 'Password', exact: true }).fill(user.password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page).toHaveURL(user.home)
}

/** Signs in through the API (the page's session cookie is set), then opens the user's home. */
export async function signIn(page: Page, user: DemoUser): Promise<void> {
  await signInThroughApi(page.request, user)
  await page.goto('/')
  await expect(page).toHaveURL(user.home)
}

export async function signInThroughApi(request: APIRequestContext, user: DemoUser): Promise<void> {
  const response = await request.post('/api/v1/auth/login', {
    data: { email: user.email, password: user.password },
  })
  expect(response.status(), await response.text()).toBe(200)
}

type Page_<T> = { items: T[]; nextCursor: string | null }

/** Every row of a cursor-paginated list, read with the given request context's session. */
export async function listAll<T>(request: APIRequestContext, path: string): Promise<T[]> {
  const items: T[] = []
  let cursor: string | null = null
  do {
    const separator = path.includes('?') ? '&' : '?'
    const url: string = `${path}${separator}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`
    const response = await request.get(url)
    expect(response.status(), await response.text()).toBe(200)
    const page = (await response.json()) as Page_<T>
    items.push(...page.items)
    cursor = page.nextCursor
  } while (cursor)
  return items
}

/** Picks an option in a Mantine select by its label, typing first when the select is searchable. */
export async function choose(
  page: Page,
  label: string,
  option: string | RegExp,
  search?: string,
): Promise<void> {
  const input = page.getByRole('combobox', { name: label, exact: true })
  await input.click()
  if (search) await input.fill(search)
  await page.getByRole('option', { name: option }).first().click()
}

export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** A write through the API with the page's session, carrying the CSRF token the session was given. */
export async function postJson<T>(page: Page, path: string, data: unknown): Promise<T> {
  const me = (await (await page.request.get('/api/v1/me')).json()) as { csrfToken: string }
  const response = await page.request.post(path, { data, headers: { 'x-csrf-token': me.csrfToken } })
  expect(response.status(), await response.text()).toBeLessThan(300)
  return (await response.json()) as T
}
