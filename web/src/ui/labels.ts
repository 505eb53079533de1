// Wire enums as people read them: `marketplace_app` → "Marketplace app".
export const humanize = (value: string): string => {
  const words = value.replaceAll('_', ' ')
  return words.charAt(0).toUpperCase() + words.slice(1)
}

export const toOptions = (values: readonly string[]) =>
  values.map((value) => ({ value, label: humanize(value) }))
