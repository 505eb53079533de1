// The demo org's training, so the console's course list and progress and the portal's training center
// have something to show: two published courses with quizzes (one certification that expires after a
// year, one that never does) and a draft; two colleagues of the demo partner and a seller at another
// partner who took them — one certificate close to expiry (its reminder is due), one without expiry,
// a failed attempt — while the demo partner's own login has taken none yet.
import type { Db } from '../db/client'
import { createUser } from '../modules/identity'
import { createCourse, openLesson, publishCourse, submitQuizAttempt } from '../modules/programs'
import type { CourseView, CreateCourseInput } from '../modules/programs/training/training.contract'
import { fixedClock } from '../platform/clock'
import type { Scope } from '../platform/scope'

const day = 86_400_000

const essentials: CreateCourseInput = {
  title: 'Platform essentials',
  summary: 'What Northwind Cloud does, who buys it and how it is priced: the basics every seller needs.',
  lessons: [
    {
      title: 'What the platform does',
      body: [
        '## One place for partner revenue',
        '',
        'Northwind Cloud tracks every **touch** a partner makes on a deal and credits revenue by the',
        'attribution model the vendor chose.',
        '',
        '- Deals and touches come from the CRM',
        '- Credit is recomputed the moment a touch arrives',
        '- Commissions follow the credit',
      ].join('\n'),
      links: [{ label: 'Product overview', url: 'https://example.com/northwind/overview' }],
    },
    {
      title: 'Who buys it',
      body: [
        '## The buyer',
        '',
        'Revenue operations and partner leads at companies of *50 to 5,000* people.',
        '',
        '1. Find the partner program owner',
        '2. Ask how they pay partners today',
        '3. Show them one deal explained',
      ].join('\n'),
      files: [{ name: 'Discovery questions (PDF)', url: 'https://example.com/northwind/discovery.pdf' }],
    },
    {
      title: 'Pricing',
      body: 'Per seat, billed yearly, with a partner portal included. Discounts above 20% need approval.',
      files: [{ name: 'Price list 2026 (PDF)', url: 'https://example.com/northwind/prices-2026.pdf' }],
    },
  ],
  quiz: {
    passMarkPercent: 75,
    questions: [
      {
        prompt: 'Who usually buys the platform?',
        choices: [
          { text: 'Revenue operations and partner leads', isCorrect: true },
          { text: 'Facilities managers' },
          { text: 'Individual consumers' },
        ],
      },
      {
        prompt: 'How is it billed? Choose all that apply.',
        choices: [
          { text: 'Per seat', isCorrect: true },
          { text: 'Yearly', isCorrect: true },
          { text: 'Per click' },
        ],
      },
      {
        prompt: 'When is credit recomputed?',
        choices: [
          { text: 'Once a month' },
          { text: 'The moment a touch arrives', isCorrect: true },
          { text: 'When finance asks' },
        ],
      },
      {
        prompt: 'Which discount needs approval?',
        choices: [{ text: '10%' }, { text: '15%' }, { text: '25%', isCorrect: true }],
      },
    ],
  },
  certification: { name: 'Northwind Certified Seller', validityMonths: 12 },
}

const attribution: CreateCourseInput = {
  title: 'Attribution for partners',
  summary: 'How your share of a deal is worked out, and how to read its explanation.',
  lessons: [
    {
      title: 'Models in five minutes',
      body: 'First touch, last touch, linear, time decay and the data-driven models: each gives every touch a **share**, and the shares always add up to the whole deal.',
    },
    {
      title: 'Reading an explanation',
      body: 'Every credited amount links to its explanation: the touches, the model and the rule that produced it.',
      links: [{ label: 'Attribution guide', url: 'https://example.com/northwind/attribution' }],
    },
  ],
  quiz: {
    passMarkPercent: 100,
    questions: [
      {
        prompt: 'What do the shares of a deal add up to?',
        choices: [{ text: 'The whole deal', isCorrect: true }, { text: 'Half the deal' }],
      },
      {
        prompt: 'Where do you see why you got a share?',
        choices: [{ text: 'In its explanation', isCorrect: true }, { text: 'Nowhere' }],
      },
    ],
  },
  certification: { name: 'Attribution Specialist', validityMonths: null },
}

const onboarding: CreateCourseInput = {
  title: 'Onboarding a new customer',
  summary: 'A draft: the first 30 days of a new customer, step by step.',
  lessons: [{ title: 'The kickoff call', body: 'Agenda, who attends, and what to send afterwards.' }],
}

/** Every question answered right (or, with `wrong`, that many answered wrong first). */
const answersFor = (course: CourseView, wrong = 0) =>
  course.quiz!.questions.map((question, i) => ({
    questionId: question.id,
    choices:
      i < wrong
        ? [question.choices.findIndex((c) => !c.isCorrect)]
        : question.choices.flatMap((c, j) => (c.isCorrect ? [j] : [])),
  }))

export async function seedDemoTraining(
  db: Db,
  scope: Scope,
  options: {
    asOf: Date
    demoPartner: { id: string; name: string }
    otherPartner: { id: string; name: string }
  },
): Promise<{ essentialsCourseId: string }> {
  const { asOf } = options
  const at = (daysAgo: number) => fixedClock(new Date(asOf.getTime() - daysAgo * day + 10 * 3_600_000))
  const published = async (input: CreateCourseInput, daysAgo: number) => {
    const course = await createCourse(db, scope, input, at(daysAgo))
    return publishCourse(db, scope, course.id, at(daysAgo))
  }
  const essentialsCourse = await published(essentials, 400)
  const attributionCourse = await published(attribution, 120)
  await createCourse(db, scope, onboarding, at(3))

  const person = async (name: string, email: string, partner: { id: string; name: string }) => {
    const user = await createUser(
      db,
      scope,
      { email, name, password: 'credence-demo', role: 'partner_member', partnerId: partner.id },
      { clock: at(420), partners: { findPartner: async () => partner } },
    )
    return {
      orgId: scope.orgId,
      actor: { type: 'user', id: user.id, role: 'partner_member' },
      partnerId: partner.id,
    } as Scope
  }
  const takes = async (learner: Scope, course: CourseView, daysAgo: number, wrong = 0) => {
    for (const lesson of course.lessons) await openLesson(db, learner, course.id, lesson.id, at(daysAgo))
    await submitQuizAttempt(db, learner, course.id, { answers: answersFor(course, wrong) }, at(daysAgo))
  }

  // a certificate that expires within the month: its renewal reminder is due
  const riley = await person('Riley Reseller', 'riley@bluefin.demo.credence.dev', options.demoPartner)
  await takes(riley, essentialsCourse, 350)
  await takes(riley, attributionCourse, 60)
  // failed once (2 of 4), then passed; and a certificate that never expires
  const sam = await person('Sam Seller', 'sam@bluefin.demo.credence.dev', options.demoPartner)
  await takes(sam, essentialsCourse, 40, 2)
  await takes(sam, essentialsCourse, 39)
  // another partner's seller, halfway through the essentials
  const jo = await person('Jo Channel', 'jo@partner.demo.credence.dev', options.otherPartner)
  await openLesson(db, jo, essentialsCourse.id, essentialsCourse.lessons[0]!.id, at(10))
  return { essentialsCourseId: essentialsCourse.id }
}
