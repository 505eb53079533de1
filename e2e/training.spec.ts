import { type Browser, expect, type Page, test } from '@playwright/test'
import { type DemoUser, partnerUser, signIn, staff } from './support/session'

async function asUser(browser: Browser, user: DemoUser): Promise<Page> {
  const page = await (await browser.newContext()).newPage()
  await signIn(page, user)
  return page
}

test('staff publish a course; a partner user takes it, passes the quiz and holds the certificate; staff see it in the progress', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000)
  const title = `Selling add-ons ${Date.now()}`
  const certification = `Add-on Expert ${Date.now()}`

  // staff write the course in the console
  await signIn(page, staff)
  await page
    .getByRole('navigation', { name: 'Main navigation' })
    .getByRole('link', { name: 'Training' })
    .click()
  await expect(page.getByRole('heading', { name: 'Training', level: 1 })).toBeVisible()
  // the demo org's courses are there
  await expect(page.getByRole('table', { name: 'Courses' })).toContainText('Platform essentials')
  await page.getByRole('link', { name: 'New course' }).first().click()
  const form = page.getByRole('form', { name: 'New course' })
  await form.getByRole('textbox', { name: 'Title', exact: true }).fill(title)
  const lesson = form.getByRole('group', { name: 'Lesson 1' })
  await lesson.getByRole('textbox', { name: 'Lesson title' }).fill('Why add-ons')
  await lesson
    .getByRole('textbox', { name: 'Text' })
    .fill('## Add-ons pay\n\nEvery add-on raises the deal by **a fifth**.\n\n- Analytics\n- Payouts')
  const question = form.getByRole('group', { name: 'Question 1' })
  await question
    .getByRole('textbox', { name: 'Question', exact: true })
    .fill('How much does an add-on raise a deal?')
  await question.getByRole('textbox', { name: 'Choice 1', exact: true }).fill('A fifth')
  await question.getByRole('textbox', { name: 'Choice 2', exact: true }).fill('Nothing')
  await form.getByRole('textbox', { name: 'Certification name' }).fill(certification)
  await form.getByRole('button', { name: 'Create course' }).click()
  await expect(page.getByRole('heading', { name: title, level: 1 })).toBeVisible()
  await page.getByRole('button', { name: 'Publish' }).click()
  await expect(page.getByText('Published', { exact: true }).first()).toBeVisible()
  await expect(page.getByRole('region', { name: 'Progress' })).toContainText(
    'Nobody has started this course yet',
  )

  // the partner user finds it in the training center
  const portal = await asUser(browser, partnerUser)
  await portal.getByRole('tab', { name: 'Training' }).click()
  await expect(portal.getByRole('heading', { name: 'Training center', level: 1 })).toBeVisible()
  const card = portal.getByRole('article', { name: title })
  await card.getByRole('link', { name: 'Start course' }).click()
  await expect(portal.getByRole('heading', { name: title, level: 1 })).toBeVisible()

  const lessons = portal.getByRole('region', { name: 'Lessons' })
  await expect(lessons).toContainText('0 of 1 opened')
  await lessons.getByRole('button', { name: /Why add-ons/ }).click()
  await expect(lessons.getByRole('heading', { name: 'Add-ons pay' })).toBeVisible()
  await expect(lessons.locator('strong', { hasText: 'a fifth' })).toBeVisible()
  await expect(lessons).toContainText('1 of 1 opened')

  // the quiz is graded on the server: a wrong answer first, then the right one
  const quiz = portal.getByRole('region', { name: 'Quiz' })
  await quiz.getByRole('radio', { name: 'Nothing' }).check()
  await quiz.getByRole('button', { name: 'Submit answers' }).click()
  await expect(quiz.getByRole('status')).toContainText('Not passed yet')
  await expect(quiz).toContainText('Wrong')
  await quiz.getByRole('radio', { name: 'A fifth' }).check()
  await quiz.getByRole('button', { name: 'Submit answers' }).click()
  await expect(quiz.getByRole('status')).toContainText('Passed')
  await expect(quiz.getByRole('status')).toContainText(`You are now ${certification}: valid until`)

  await portal.getByRole('link', { name: '← Training center' }).click()
  const mine = portal.getByRole('table', { name: 'My certificates' })
  await expect(mine.getByRole('row', { name: new RegExp(certification) })).toContainText('Valid')
  // a partner admin sees their colleagues' certificates too
  await expect(portal.getByRole('table', { name: 'Team certificates' })).toContainText('Riley Reseller')

  // staff see the partner user's progress and certificate
  await page.reload()
  const progress = page.getByRole('table', { name: 'Course progress' })
  const row = progress.getByRole('row', { name: /Pat Partner/ })
  await expect(row).toContainText('Bluefin Resellers')
  await expect(row).toContainText('1 of 1')
  await expect(row).toContainText('100%')
  await expect(row).toContainText('Valid')

  // and on the partner's page, its people's training with the certified count tiers read
  await row.getByRole('link', { name: 'Bluefin Resellers' }).click()
  const training = page.getByRole('region', { name: 'Training' })
  await expect(training.getByLabel('Pat Partner')).toContainText(title)
  await expect(training.getByLabel('Riley Reseller')).toContainText('Platform essentials')
  await expect(training).toContainText('3 certified')
})
