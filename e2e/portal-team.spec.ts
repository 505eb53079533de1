import { expect, test } from '@playwright/test'
import { partnerUser, signIn } from './support/session'

test('a partner admin invites a colleague to their own partner from the portal, and revokes the invitation', async ({
  page,
}) => {
  await signIn(page, partnerUser)
  await page.getByRole('tablist', { name: 'Portal navigation' }).getByRole('tab', { name: 'Team' }).click()
  await expect(page.getByRole('heading', { name: 'Team', level: 1 })).toBeVisible()

  // their own row: no one changes their own role or disables themselves
  const people = page.getByRole('table', { name: 'Users' })
  await expect(people).toContainText(partnerUser.email)
  await expect(page.getByRole('combobox', { name: `Role of ${partnerUser.email}` })).toBeDisabled()

  const email = `colleague.${Date.now()}@example.com`
  const invite = page.getByRole('form', { name: 'Invite a user' })
  await invite.getByRole('textbox', { name: 'Email' }).fill(email)
  // only the partner's roles, and no partner to pick: the invitation is for their own partner
  await invite.getByRole('combobox', { name: 'Role' }).click()
  await expect(page.getByRole('option')).toHaveText(['Partner admin', 'Partner member'])
  await page.getByRole('option', { name: 'Partner member' }).click()
  await expect(invite.getByRole('combobox', { name: 'Partner' })).toHaveCount(0)
  await invite.getByRole('button', { name: 'Send invitation' }).click()
  await expect(page.getByText(`Invitation for ${email}`)).toBeVisible()

  const me = (await (await page.request.get('/api/v1/me')).json()) as { partner: { id: string } }
  const invitations = (await (await page.request.get('/api/v1/invitations')).json()) as {
    items: { email: string; role: string; partnerId: string; status: string }[]
  }
  expect(invitations.items.find((i) => i.email === email)).toMatchObject({
    role: 'partner_member',
    partnerId: me.partner.id,
    status: 'pending',
  })

  const row = page.getByRole('table', { name: 'Invitations' }).getByRole('row').filter({ hasText: email })
  await expect(row).toContainText('Pending')
  await row.getByRole('button', { name: `Revoke invitation for ${email}` }).click()
  await expect(row).toContainText('Revoked')
})
