// File storage: whole files put, read (streamed) and removed by a key the caller makes from ids, never
// from a user's file name. A folder on disk by default; an S3-compatible store can take its place behind
// the same interface. What a file is (its name, type, size, hash) lives in the owner's table.
import { createHash, randomBytes } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, rename, rm, stat } from 'node:fs/promises'
import { dirname, join, resolve, sep } from 'node:path'
import { Readable, Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { AppError } from './app-error'

export interface PutFileResult {
  sizeBytes: number
  /** Hex SHA-256 of the bytes stored. */
  sha256: string
}

export interface FileStorage {
  /** Stores the bytes under the key (replacing any); refused past `maxBytes` with nothing kept. */
  put(key: string, body: Readable | Buffer, options?: { maxBytes?: number }): Promise<PutFileResult>
  /** The stored bytes as a stream; NOT_FOUND when the key holds nothing. */
  get(key: string): Promise<Readable>
  /** Removes the file; a key that holds nothing is not an error. */
  delete(key: string): Promise<void>
}

/** Keys are made by code from ids: lower-case words separated by slashes, never `..` or a leading `/`. */
const keyPattern = /^[a-z0-9][a-z0-9_-]{0,99}(\/[a-z0-9][a-z0-9_-]{0,99}){0,9}$/

function checkKey(key: string): string {
  if (!keyPattern.test(key)) throw new Error(`Not a storage key: ${JSON.stringify(key)}`)
  return key
}

/** Counts and hashes the bytes as they pass, and stops the stream past the limit. */
function measure(maxBytes: number) {
  const hash = createHash('sha256')
  let size = 0
  const transform = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length
      if (size > maxBytes) {
        done(new AppError('PAYLOAD_TOO_LARGE', `The file is larger than ${maxBytes} bytes`))
        return
      }
      hash.update(chunk)
      done(null, chunk)
    },
  })
  return { transform, result: (): PutFileResult => ({ sizeBytes: size, sha256: hash.digest('hex') }) }
}

/** Files in a folder on disk, one file per key; written to a temporary name, then renamed into place. */
export function localFileStorage(root: string): FileStorage {
  const base = resolve(root)
  const pathOf = (key: string) => {
    const path = join(base, ...checkKey(key).split('/'))
    if (!path.startsWith(base + sep)) throw new Error(`Not a storage key: ${key}`)
    return path
  }
  return {
    async put(key, body, options = {}) {
      const path = pathOf(key)
      await mkdir(dirname(path), { recursive: true })
      const temporary = `${path}.${randomBytes(6).toString('hex')}.part`
      const counter = measure(options.maxBytes ?? Number.MAX_SAFE_INTEGER)
      try {
        await pipeline(
          Buffer.isBuffer(body) ? Readable.from([body]) : body,
          counter.transform,
          createWriteStream(temporary, { flags: 'wx', mode: 0o600 }),
        )
        await rename(temporary, path)
      } catch (error) {
        await rm(temporary, { force: true })
        throw error
      }
      return counter.result()
    },
    async get(key) {
      const path = pathOf(key)
      try {
        await stat(path)
      } catch {
        throw new AppError('NOT_FOUND', 'The file is not in storage')
      }
      return createReadStream(path)
    },
    async delete(key) {
      await rm(pathOf(key), { force: true })
    },
  }
}

/** For processes that never handle files (commands, background work): any use says so. */
export const unconfiguredFileStorage: FileStorage = {
  put: () => Promise.reject(new Error('No file storage is configured in this process')),
  get: () => Promise.reject(new Error('No file storage is configured in this process')),
  delete: () => Promise.reject(new Error('No file storage is configured in this process')),
}
