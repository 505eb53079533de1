import { describe, expect, it } from 'vitest'
import { parseInlines, parseMarkdown } from './lesson-markdown'

describe('lesson markdown', () => {
  it('reads headings, paragraphs and lists', () => {
    expect(parseMarkdown('# Title\n\nOne line\nand the next\n\n- a\n- b\n\n1. first\n2. second')).toEqual([
      { kind: 'heading', level: 2, inlines: [{ kind: 'text', text: 'Title' }] },
      { kind: 'paragraph', inlines: [{ kind: 'text', text: 'One line and the next' }] },
      { kind: 'list', ordered: false, items: [[{ kind: 'text', text: 'a' }], [{ kind: 'text', text: 'b' }]] },
      {
        kind: 'list',
        ordered: true,
        items: [[{ kind: 'text', text: 'first' }], [{ kind: 'text', text: 'second' }]],
      },
    ])
  })

  it('reads bold, italics, code and web links', () => {
    expect(parseInlines('**Bold** and *it* with `x` and [docs](https://example.com/a)')).toEqual([
      { kind: 'strong', text: 'Bold' },
      { kind: 'text', text: ' and ' },
      { kind: 'em', text: 'it' },
      { kind: 'text', text: ' with ' },
      { kind: 'code', text: 'x' },
      { kind: 'text', text: ' and ' },
      { kind: 'link', text: 'docs', href: 'https://example.com/a' },
    ])
  })

  it.each(['javascript:alert(1)', 'data:text/html,x', '//evil.example'])(
    'keeps a %s link as text',
    (href) => {
      expect(parseInlines(`[click](${href})`)).toEqual([{ kind: 'text', text: `[click](${href})` }])
    },
  )
})
