import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { csvField, csvLine } from './csv'

describe('csv fields', () => {
  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1', `"'+1"`],
    ['-2', `"'-2"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\tcmd', `"'\tcmd"`],
    ['\rcmd', `"'\rcmd"`],
    ['Acme = Co', '"Acme = Co"'],
  ])('neutralises %j as text', (value, expected) => {
    expect(csvField(value)).toBe(expected)
  })

  it('writes empty for null and undefined, and numbers as they are', () => {
    expect(csvField(null)).toBe('')
    expect(csvField(undefined)).toBe('')
    expect(csvField(12n)).toBe('"12"')
  })

  it('gives a line a CSV reader reads back to the same text (apart from the apostrophe)', () => {
    const line = csvLine(['a,b', 'say "hi"', 'two\nlines', null, '=1+1'])
    expect(parse(line, { relax_column_count: false })).toEqual([
      ['a,b', 'say "hi"', 'two\nlines', '', "'=1+1"],
    ])
  })
})
