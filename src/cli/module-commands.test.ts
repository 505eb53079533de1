import { Command, Option } from 'commander'
import { describe, expect, it } from 'vitest'
import { moduleCommandGroups, registerModuleCommands } from './module-commands'

describe('module commands', () => {
  it('adds every module command to the command line, under its group', () => {
    const program = new Command()
    registerModuleCommands(program, new Option('--data-dir <dir>'), async () => {
      throw new Error('not run')
    })
    const paths = program.commands.flatMap((group) =>
      group.commands.map((c) => `${group.name()} ${c.name()}`),
    )
    expect(paths).toEqual(expect.arrayContaining(['users create', 'export journeys']))
    const create = program.commands.find((c) => c.name() === 'users')!.commands[0]!
    expect(create.options.find((o) => o.long === '--role')?.argChoices).toContain('partner_admin')
  })

  it('names each group once with what it is for, for the root help', () => {
    expect(moduleCommandGroups()).toEqual([
      { name: 'users', description: 'manage users' },
      { name: 'export', description: 'export an org’s data' },
      { name: 'import', description: 'import CSV files of accounts, deals and touches' },
    ])
  })
})
