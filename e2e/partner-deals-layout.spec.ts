import { expect, test } from '@playwright/test'
import { signIn, staff } from './support/session'

type Partner = { id: string }
type Deal = { id: string }

test.use({ viewport: { width: 1280, height: 900 } })

test('the partner page shows its deals table whole: no status or type badge is cut short', async ({
  page,
}) => {
  await signIn(page, staff)
  const partners = (await (await page.request.get('/api/v1/partners?status=active&limit=20')).json())
    .items as Partner[]
  let partnerId: string | undefined
  for (const partner of partners) {
    const deals = (await (await page.request.get(`/api/v1/deals?partnerId=${partner.id}&limit=1`)).json())
      .items as Deal[]
    if (deals.length > 0) {
      partnerId = partner.id
      break
    }
  }
  if (!partnerId) throw new Error('the demo org has an active partner with deals')

  await page.goto(`/partners/${partnerId}`)
  const table = page.getByRole('table', { name: 'Partner deals' })
  await expect(table.getByRole('row').nth(1)).toBeVisible()
  const labels = table.locator('.mantine-Badge-label')
  expect(await labels.count()).toBeGreaterThan(0)
  const clipped = await labels.evaluateAll((nodes) =>
    nodes.filter((node) => node.scrollWidth > node.clientWidth + 1).map((node) => node.textContent),
  )
  expect(clipped).toEqual([])
  // the table fits inside its card, with no part hidden behind a horizontal scroll
  const overflow = await table.evaluate((node) => {
    const card = node.closest('.mantine-Paper-root') as HTMLElement
    return node.getBoundingClientRect().right - card.getBoundingClientRect().right
  })
  expect(overflow).toBeLessThanOrEqual(0)
})
