import { expect, type Page, test } from '@playwright/test'
import { signIn, staff } from './support/session'

const count = (n: number) => n.toLocaleString('en-US')

async function totalOf(page: Page, path: string): Promise<number> {
  const response = await page.request.get(path)
  expect(response.status(), await response.text()).toBe(200)
  return ((await response.json()) as { total: number }).total
}

/** What the footer of a list should say after `shown` rows out of `total`. */
const caption = (shown: number, total: number, noun: string) =>
  `${shown <= 1 ? count(Math.min(shown, total)) : `1–${count(Math.min(shown, total))}`} of ${count(total)} ${total === 1 ? noun : `${noun}s`}`

test('the deals list says how many deals match over all pages, and keeps counting as pages load', async ({
  page,
}) => {
  await signIn(page, staff)
  const total = await totalOf(page, '/api/v1/deals?limit=1')
  expect(total, 'the demo has more than one page of deals').toBeGreaterThan(50)

  await page.goto('/deals')
  await expect(page.getByRole('status').filter({ hasText: /of .* deals/ })).toHaveText(
    caption(50, total, 'deal'),
  )
  await page.getByRole('button', { name: 'Load more' }).click()
  await expect(page.getByRole('status').filter({ hasText: /of .* deals/ })).toHaveText(
    caption(100, total, 'deal'),
  )

  const won = await totalOf(page, '/api/v1/deals?limit=1&status=won')
  await page.goto('/deals?status=won')
  await expect(page.getByRole('status').filter({ hasText: /of .* deals/ })).toHaveText(
    caption(50, won, 'deal'),
  )
})

test('the partners and accounts lists show their totals from the server', async ({ page }) => {
  await signIn(page, staff)
  for (const [path, noun] of [
    ['partners', 'partner'],
    ['accounts', 'account'],
  ] as const) {
    const total = await totalOf(page, `/api/v1/${path}?limit=1`)
    await page.goto(`/${path}`)
    await expect(page.getByRole('status').filter({ hasText: new RegExp(`of .* ${noun}`) })).toHaveText(
      caption(50, total, noun),
    )
  }
})
