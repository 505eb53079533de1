import { createHash } from 'node:crypto'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type FileStorage, localFileStorage } from './storage'

const read = async (stream: Readable) => {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

describe('local file storage', () => {
  let root: string
  let files: FileStorage
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'credence-storage-'))
    files = localFileStorage(root)
  })
  afterAll(async () => rm(root, { recursive: true, force: true }))

  it('stores a stream under its key, measures and hashes it, and reads it back', async () => {
    const bytes = Buffer.from('hello, partner team')
    const stored = await files.put(
      'org_a/support/tka_1',
      Readable.from([bytes.subarray(0, 5), bytes.subarray(5)]),
    )
    expect(stored).toEqual({
      sizeBytes: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    })
    expect((await read(await files.get('org_a/support/tka_1'))).toString()).toBe('hello, partner team')
  })

  it('refuses a file past the limit and keeps nothing of it', async () => {
    await expect(files.put('org_a/support/big', Buffer.alloc(11), { maxBytes: 10 })).rejects.toMatchObject({
      code: 'PAYLOAD_TOO_LARGE',
    })
    expect(await readdir(join(root, 'org_a', 'support'))).toEqual(['tka_1'])
  })

  it('answers not found for a key that holds nothing, and deletes quietly', async () => {
    await expect(files.get('org_a/support/missing')).rejects.toMatchObject({ code: 'NOT_FOUND' })
    await files.delete('org_a/support/tka_1')
    await files.delete('org_a/support/tka_1')
    await expect(files.get('org_a/support/tka_1')).rejects.toMatchObject({ code: 'NOT_FOUND' })
  })

  it.each(['../escape', '/absolute', 'a/../../b', 'Upper', 'a//b', 'name.pdf', ''])(
    'refuses the key %j',
    async (key) => {
      await expect(files.put(key, Buffer.from('x'))).rejects.toThrow(/storage key/)
    },
  )
})
