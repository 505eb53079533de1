// Case-insensitive "contains" patterns for ILIKE, with the user's % and _ taken literally.
export const containsPattern = (q: string): string => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
