// The sub-commands modules declare in their descriptors (e.g. `credence users create`), added to the
// command line from the module registry: a new module's commands need no edit here.
import { type Command, Option } from 'commander'
import { modules } from '../modules/registry'
import type { ModuleDeps } from '../platform/module'
import { createProgress } from './attribute-progress'

type OpenDeps = (options: { dataDir?: string }) => Promise<{ deps: ModuleDeps; close(): Promise<void> }>

export function registerModuleCommands(program: Command, dataDirOption: Option, open: OpenDeps): void {
  for (const command of modules.flatMap((m) => m.commands ?? [])) {
    let parent = program
    for (const word of command.path.slice(0, -1)) {
      parent =
        parent.commands.find((c) => c.name() === word) ??
        parent.command(word).description(command.group ?? `${word} commands`)
    }
    const leaf = parent
      .command(command.path.at(-1)!)
      .description(command.description)
      .addOption(dataDirOption)
    for (const spec of command.options) {
      const option = new Option(spec.flags, spec.description)
      if (spec.required) option.makeOptionMandatory()
      if (spec.choices) option.choices(spec.choices)
      leaf.addOption(option)
    }
    leaf.action(async (options: Record<string, string | boolean | undefined>) => {
      const { deps, close } = await open(options)
      try {
        const values = Object.fromEntries(
          Object.entries(options).map(([name, value]) => [
            name,
            value === true ? 'true' : value || undefined,
          ]),
        )
        console.log(await command.run(deps, values, { progress: createProgress }))
      } finally {
        await close()
      }
    })
  }
}

/** The first words of module commands with what each group is for: for the root help. */
export function moduleCommandGroups(): { name: string; description: string }[] {
  const groups = new Map<string, string>()
  for (const command of modules.flatMap((m) => m.commands ?? [])) {
    const name = command.path[0]!
    if (!groups.has(name)) groups.set(name, command.group ?? `${name} commands`)
  }
  return [...groups].map(([name, description]) => ({ name, description }))
}
