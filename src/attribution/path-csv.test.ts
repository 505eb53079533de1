import { describe, expect, it } from 'vitest'
import { readFromBytes, readPathsCsv } from './path-csv'
import { attributePaths } from './paths'

const read = (text: string, chunkBytes = 7) =>
  readPathsCsv(readFromBytes(new TextEncoder().encode(text)), { chunkBytes })

function rowsOf(text: string, chunkBytes?: number) {
  const table = read(text, chunkBytes)
  return Array.from({ length: table.pathCount }, (_, path) => ({
    channels: Array.from(
      table.pathChannels.subarray(table.pathStart[path], table.pathStart[path + 1]),
      (id) => table.channels[id],
    ),
    conversions: table.conversions[path],
    value: table.values[path],
    nulls: table.nulls[path],
  }))
}

describe('readPathsCsv', () => {
  it('reads quoted fields, doubled quotes, CRLF, a BOM and merges identical paths, across tiny chunks', () => {
    const text =
      '\uFEFFpath,total_conversions,total_conversion_value,total_null\r\n' +
      '"Search, paid > ""Email""",2,10.5,1\r\n' +
      '\r\n' +
      'Display > Search,0,,3\r\n' +
      '" Search, paid >""Email"" ",1,4.5,0\r\n'
    for (const chunk of [1, 3, 7, 64]) {
      expect(rowsOf(text, chunk)).toEqual([
        { channels: ['Search, paid', '"Email"'], conversions: 3, value: 15, nulls: 1 },
        { channels: ['Display', 'Search'], conversions: 0, value: 0, nulls: 3 },
      ])
    }
  })

  it('detects a semicolon separator and reads a quoted field spanning lines', () => {
    expect(rowsOf('total_conversions;path\n1;"A >\nB"\n2;C')).toEqual([
      { channels: ['A', 'B'], conversions: 1, value: 0, nulls: 0 },
      { channels: ['C'], conversions: 2, value: 0, nulls: 0 },
    ])
  })

  it.each([
    [
      'path,total_conversions\nA,1\nB,x\n',
      'line 3, field total_conversions: not a non-negative number ("x")',
    ],
    ['path,total_conversions\nA,-1\n', 'line 2, field total_conversions: not a non-negative number ("-1")'],
    ['path,total_conversions\n"A,1\n', 'line 2, field path: a quoted field never closes'],
    ['path,total_conversions\n"A"x,1\n', 'line 2, field path: unexpected text after a closing quote'],
    ['path,total_conversions\nA,1,2\n', 'line 2: expected 2 fields, found 3'],
    ['path,total_conversions\n  ,1\n', 'line 2, field path: is required'],
    ['channels,total_conversions\nA,1\n', 'paths: missing column path'],
  ])('names the line and field of bad input (%#)', (text, message) => {
    expect(() => read(text)).toThrow(message)
  })

  it('gives the same attribution as the row objects it replaces', () => {
    const text = 'path,total_conversions,total_conversion_value,total_null\nA > B,1,10,0\nA,0,0,1\nB,1,30,0\n'
    const table = read(text)
    expect(table.rows).toBe(3)
    const fromRows = attributePaths(
      [
        { channels: ['A', 'B'], conversions: 1, value: 10, nulls: 0 },
        { channels: ['A'], conversions: 0, value: 0, nulls: 1 },
        { channels: ['B'], conversions: 1, value: 30, nulls: 0 },
      ],
      { key: 'markov' },
    )
    expect(rowsOf(text).map((row) => row.channels)).toEqual([['A', 'B'], ['A'], ['B']])
    expect(fromRows.channels[0]).toEqual({
      channel: 'B',
      conversions: expect.closeTo(4 / 3, 9),
      value: expect.closeTo(80 / 3, 9),
    })
  })
})
