import { describe, expect, it } from 'vitest'
import {
  disputeFieldOf,
  evidenceOf,
  messageInputOf,
  openInputOf,
  resolveInputOf,
  signedAmountToMinor,
} from './dispute-drafts'

describe('evidenceOf', () => {
  it('reads one link a line, dropping blanks and spaces', () => {
    expect(evidenceOf(' https://a.example/mail \n\n http://b.example/doc?x=1\r\n')).toEqual({
      links: ['https://a.example/mail', 'http://b.example/doc?x=1'],
      error: null,
    })
  })

  it('takes no text as no links', () => {
    expect(evidenceOf('  \n ')).toEqual({ links: [], error: null })
  })

  it.each(['example.com/doc', 'ftp://files.example/doc', 'javascript:alert(1)', 'https://'])(
    'refuses %s, which is not a web link',
    (line) => {
      expect(evidenceOf(`https://ok.example\n${line}`).error).toContain('is not a web link')
    },
  )

  it('refuses more than ten links', () => {
    const text = Array.from({ length: 11 }, (_, i) => `https://e.example/${i}`).join('\n')
    expect(evidenceOf(text).error).toBe('At most 10 links, one a line')
  })
})

describe('signedAmountToMinor', () => {
  it.each([
    ['25', 2, '2500'],
    ['25.5', 2, '2550'],
    ['-25.5', 2, '-2550'],
    ['\u221225.05', 2, '-2505'],
    ['+0.01', 2, '1'],
    [' - 1000 ', 0, '-1000'],
    ['1.234', 3, '1234'],
    ['-0', 2, '0'],
    ['12345678901234.56', 2, '1234567890123456'],
  ])('%s with %i digits is %s minor units', (text, digits, minor) => {
    expect(signedAmountToMinor(text, digits)).toBe(minor)
  })

  it.each([
    ['', 2],
    ['-', 2],
    ['1.005', 2],
    ['1.5', 0],
    ['1,250.00', 2],
    ['--5', 2],
    ['abc', 2],
  ])('refuses %s with %i digits', (text, digits) => {
    expect(signedAmountToMinor(text, digits)).toBeNull()
  })
})

describe('openInputOf', () => {
  it('sends the line, the trimmed text and the links', () => {
    expect(
      openInputOf('cme_1', {
        subject: ' Rate ',
        message: ' Should be 12% ',
        evidence: 'https://e.example/1',
      }),
    ).toEqual({
      value: {
        entryId: 'cme_1',
        subject: 'Rate',
        message: 'Should be 12%',
        evidence: ['https://e.example/1'],
      },
      errors: {},
    })
  })

  it('names every empty or wrong input', () => {
    expect(openInputOf('cme_1', { subject: ' ', message: '', evidence: 'nope' }).errors).toEqual({
      subject: expect.any(String),
      message: expect.any(String),
      evidence: expect.stringContaining('not a web link'),
    })
  })
})

describe('messageInputOf', () => {
  it('needs a message', () => {
    expect(messageInputOf({ message: '  ', evidence: '' })).toEqual({
      value: null,
      errors: { message: 'Write a message' },
    })
  })
})

describe('resolveInputOf', () => {
  it('sends an adjustment as signed minor units of the currency', () => {
    expect(resolveInputOf({ outcome: 'adjusted', reason: ' Missed touch ', amount: '-120.5' }, 2)).toEqual({
      value: { outcome: 'adjusted', reason: 'Missed touch', adjustmentMinor: '-12050' },
      errors: {},
    })
    expect(resolveInputOf({ outcome: 'adjusted', reason: 'Yes', amount: '1500' }, 0).value).toEqual({
      outcome: 'adjusted',
      reason: 'Yes',
      adjustmentMinor: '1500',
    })
  })

  it('leaves the amount out when the dispute is denied or resolved', () => {
    expect(resolveInputOf({ outcome: 'denied', reason: 'No touch', amount: '50' }, 2).value).toEqual({
      outcome: 'denied',
      reason: 'No touch',
    })
  })

  it.each([
    ['', 'An amount such as 250.00, or -250.00 to take back'],
    ['0.00', 'An adjustment needs an amount other than zero'],
    ['1.001', 'An amount such as 250.00, or -250.00 to take back'],
  ])('refuses the amount %j', (amount, message) => {
    expect(resolveInputOf({ outcome: 'adjusted', reason: 'x', amount }, 2).errors).toEqual({
      amount: message,
    })
  })

  it('needs a reason', () => {
    expect(resolveInputOf({ outcome: 'resolved', reason: '', amount: '' }, 2).errors).toEqual({
      reason: expect.any(String),
    })
  })
})

describe('disputeFieldOf', () => {
  it.each([
    ['adjustmentMinor', 'amount'],
    ['evidence.2', 'evidence'],
    ['evidence[0]', 'evidence'],
    ['reason', 'reason'],
    ['subject', 'subject'],
    ['entryId', null],
    ['', null],
  ])('puts %s on %s', (path, field) => {
    expect(disputeFieldOf(path)).toBe(field)
  })
})
