import { describe, expect, it } from 'vitest'
import { readEnv } from './env'

describe('readEnv', () => {
  it('applies defaults and treats an empty variable as unset', () => {
    const env = readEnv({ DATABASE_URL: '', PORT: '' })
    expect(env.DATABASE_URL).toBeUndefined()
    expect(env.PORT).toBe(3000)
    expect(env.TRUST_PROXY).toBe(false)
  })

  it('reads flags and numbers', () => {
    const env = readEnv({ TRUST_PROXY: 'true', PORT: '8080' })
    expect(env).toMatchObject({ TRUST_PROXY: true, PORT: 8080 })
  })

  it('names every bad variable', () => {
    expect(() => readEnv({ PORT: 'eighty', CREDENCE_SECRET: 'short', DATABASE_URL: 'not a url' })).toThrow(
      /PORT:[\s\S]*CREDENCE_SECRET: must be at least 32 characters|CREDENCE_SECRET: must be at least 32 characters[\s\S]*PORT:/,
    )
    expect(() => readEnv({ DATABASE_URL: 'not a url' })).toThrow(/DATABASE_URL/)
  })
})
