// Lesson text as blocks a page draws with plain elements: headings, paragraphs and lists, with bold,
// italics and links inline. Nothing is ever handed to the browser as HTML, and only web and mail
// links become links, so a lesson cannot run anything in the reader's browser.

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'strong'; text: string }
  | { kind: 'em'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'link'; text: string; href: string }

export type Block =
  | { kind: 'heading'; level: 2 | 3 | 4; inlines: Inline[] }
  | { kind: 'paragraph'; inlines: Inline[] }
  | { kind: 'list'; ordered: boolean; items: Inline[][] }

const safeHref = (href: string): string | null => (/^(https?:\/\/|mailto:)/i.test(href) ? href : null)

const inlinePattern = /\*\*(.+?)\*\*|\*(.+?)\*|_(.+?)_|`(.+?)`|\[([^\]]+)\]\(([^)\s]+)\)/g

/** Bold, italics, code and links in a line of text; anything else stays text. */
export function parseInlines(text: string): Inline[] {
  const inlines: Inline[] = []
  let last = 0
  for (const match of text.matchAll(inlinePattern)) {
    if (match.index > last) inlines.push({ kind: 'text', text: text.slice(last, match.index) })
    const [whole, strong, em, underscored, code, label, href] = match
    if (strong !== undefined) inlines.push({ kind: 'strong', text: strong })
    else if (em !== undefined || underscored !== undefined)
      inlines.push({ kind: 'em', text: (em ?? underscored)! })
    else if (code !== undefined) inlines.push({ kind: 'code', text: code })
    else {
      const safe = safeHref(href!)
      inlines.push(safe ? { kind: 'link', text: label!, href: safe } : { kind: 'text', text: whole })
    }
    last = match.index + whole.length
  }
  if (last < text.length) inlines.push({ kind: 'text', text: text.slice(last) })
  // neighbouring text (a refused link beside the rest) reads as one run
  return inlines.reduce<Inline[]>((merged, inline) => {
    const previous = merged.at(-1)
    if (previous?.kind === 'text' && inline.kind === 'text') previous.text += inline.text
    else merged.push(inline)
    return merged
  }, [])
}

/** Markdown's common blocks: `#` headings, `-`/`*` and `1.` lists, and paragraphs between blank lines. */
export function parseMarkdown(markdown: string): Block[] {
  const blocks: Block[] = []
  let paragraph: string[] = []
  let list: { ordered: boolean; items: Inline[][] } | null = null
  const flush = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', inlines: parseInlines(paragraph.join(' ')) })
    if (list) blocks.push({ kind: 'list', ...list })
    paragraph = []
    list = null
  }
  for (const raw of markdown.split('\n')) {
    const line = raw.trim()
    const heading = /^(#{1,4})\s+(.*)$/.exec(line)
    const bullet = /^[-*]\s+(.*)$/.exec(line)
    const numbered = /^\d+[.)]\s+(.*)$/.exec(line)
    if (!line) flush()
    else if (heading) {
      flush()
      const level = Math.min(4, Math.max(2, heading[1]!.length + 1)) as 2 | 3 | 4
      blocks.push({ kind: 'heading', level, inlines: parseInlines(heading[2]!) })
    } else if (bullet || numbered) {
      const ordered = Boolean(numbered)
      if (paragraph.length || (list && list.ordered !== ordered)) flush()
      list ??= { ordered, items: [] }
      list.items.push(parseInlines((bullet ?? numbered)![1]!))
    } else {
      if (list) flush()
      paragraph.push(line)
    }
  }
  flush()
  return blocks
}
