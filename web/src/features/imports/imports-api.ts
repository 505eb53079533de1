// CSV imports: saved column mappings, starting an import, sending its files with upload progress,
// its problems, and the commit that lands it all at once.
import { parse } from 'csv-parse/browser/esm/sync'
import type {
  ImportKind,
  ImportMapping,
  ImportMappingView,
  ImportProblemView,
  ImportView,
} from '../../../../src/modules/journeys/imports.contract'
import { http, isApiError, upload } from '../../ui/api-client'

export const kindLabels: Record<ImportKind, string> = {
  accounts: 'Accounts',
  deals: 'Deals',
  touches: 'Touches',
}

export const importsApi = {
  list: () => http.get<{ items: ImportView[] }>('/imports'),
  start: (source: string) => http.post<ImportView>('/imports', { source }),
  get: (id: string) => http.get<ImportView>(`/imports/${id}`),
  /** The saved mapping, or null when the source has none for this kind yet. */
  mapping: async (source: string, kind: ImportKind): Promise<ImportMapping | null> => {
    try {
      return (await http.get<ImportMappingView>(`/import-mappings/${source}/${kind}`)).mapping
    } catch (error) {
      if (isApiError(error, 404)) return null
      throw error
    }
  },
  saveMapping: (source: string, kind: ImportKind, mapping: ImportMapping) =>
    http.put<ImportMappingView>(`/import-mappings/${source}/${kind}`, mapping),
  sendFile: (id: string, kind: ImportKind, file: File, onProgress: (fraction: number) => void) =>
    upload<ImportView>(
      `/imports/${id}/files/${kind}?fileName=${encodeURIComponent(file.name)}`,
      file,
      'text/csv',
      onProgress,
    ),
  problems: (id: string, cursor?: string) =>
    http.get<{ items: ImportProblemView[]; nextCursor: string | null; total: number }>(
      `/imports/${id}/problems`,
      {
        cursor,
        limit: 100,
      },
    ),
  commit: (id: string, skipInvalid: boolean) =>
    http.post<ImportView>(`/imports/${id}/commit`, { skipInvalid }),
  discard: (id: string) => http.delete(`/imports/${id}`),
  reportUrl: (id: string) => `/api/v1/imports/${id}/problems.csv`,
}

/** The header row of a CSV file, read from its first 64 KB. */
export async function readHeader(file: File): Promise<string[]> {
  const head = await file.slice(0, 65536).text()
  const [header] = parse(head, { bom: true, to_line: 1, relax_quotes: true }) as string[][]
  return (header ?? []).map((c) => c.trim()).filter((c) => c !== '')
}
