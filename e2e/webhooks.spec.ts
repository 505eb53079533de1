import { createHmac } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect, test } from '@playwright/test'
import { signIn, staff } from './support/session'

type Hook = { body: string; signature: string }

test('staff subscribe a receiver to events, see signed deliveries in the log, and send a failed one again', async ({
  page,
}) => {
  test.setTimeout(120_000)
  // a receiver on this machine (the local demo may send to it), answering what the test says
  const received: Hook[] = []
  let answer = 200
  const receiver = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => {
      body += chunk.toString()
    })
    req.on('end', () => {
      received.push({ body, signature: String(req.headers['credence-signature']) })
      res.writeHead(answer).end(answer === 200 ? 'thanks' : 'down for maintenance')
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/credence`
  try {
    await signIn(page, staff)
    await page
      .getByRole('navigation', { name: 'Main navigation' })
      .getByRole('link', { name: 'Webhooks' })
      .click()
    await expect(page.getByRole('heading', { name: 'Webhooks', level: 1 })).toBeVisible()

    const form = page.getByRole('form', { name: 'Add endpoint' })
    await form.getByRole('textbox', { name: 'Endpoint URL' }).fill(url)
    await form.getByRole('combobox', { name: 'Events' }).click()
    await page.getByRole('option', { name: 'partner.created' }).click()
    await form.getByRole('button', { name: 'Add endpoint' }).click()
    const secret = (await page.getByLabel('Signing secret', { exact: true }).textContent())?.trim() ?? ''
    expect(secret).toMatch(/^whsec_/)

    const row = page
      .getByRole('table', { name: 'Webhook endpoints' })
      .getByRole('row')
      .filter({ hasText: url })
    await row.getByRole('button', { name: 'Send test' }).click()
    const log = page.getByRole('table', { name: 'Webhook deliveries' })
    await expect(log.getByRole('row').filter({ hasText: 'webhook.ping' })).toContainText('delivered', {
      timeout: 15_000,
    })
    // the receiver can tell the delivery is ours: the signature checks out with the secret shown once
    const [ping] = received
    const t = /t=(\d+)/.exec(ping!.signature)![1]
    const expected = createHmac('sha256', secret).update(`${t}.${ping!.body}`).digest('hex')
    expect(ping!.signature).toContain(`v1=${expected}`)

    // a partner is created while the receiver is down: the delivery waits to be retried
    answer = 503
    const me = (await (await page.request.get('/api/v1/me')).json()) as { csrfToken: string }
    const partner = await page.request.post('/api/v1/partners', {
      data: { name: `Hooked Partners ${Date.now()}`, type: 'reseller', currency: 'USD' },
      headers: { 'x-csrf-token': me.csrfToken },
    })
    expect(partner.status()).toBe(201)
    const created = log.getByRole('row').filter({ hasText: 'partner.created' }).first()
    await expect(created).toContainText('retrying', { timeout: 15_000 })
    await expect(created).toContainText('503')
    await created.getByRole('button', { name: 'partner.created', exact: true }).click()
    await expect(page.getByRole('dialog')).toContainText('down for maintenance')
    await page.keyboard.press('Escape')

    answer = 200
    await created.getByRole('button', { name: 'Send partner.created again' }).click()
    await expect(created).toContainText('delivered', { timeout: 15_000 })
    const bodies = received.map((hook) => JSON.parse(hook.body) as { type: string; id: string })
    const sent = bodies.filter((body) => body.type === 'partner.created')
    expect(sent.length).toBeGreaterThanOrEqual(2)
    expect(new Set(sent.map((body) => body.id)).size).toBe(1)

    await row.getByRole('button', { name: 'Remove' }).click()
    await expect(page.getByRole('table', { name: 'Webhook endpoints' })).toHaveCount(0)
  } finally {
    await new Promise((resolve) => receiver.close(resolve))
  }
})
