// Follows a server-sent event stream and refreshes the queries each event type touches: a burst of
// events is gathered into one refresh per query, at most `afterMs` after the first of them. The
// browser reconnects by itself, resuming from the last event it saw.
import { type QueryKey, useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'

export interface Refresh {
  key: QueryKey
  /** How long to gather events before refreshing (300 ms unless said). */
  afterMs?: number
}

export function useLiveQueries(url: string, refreshes: Readonly<Record<string, readonly Refresh[]>>): void {
  const queryClient = useQueryClient()
  useEffect(() => {
    const source = new EventSource(url)
    const timers = new Map<string, ReturnType<typeof setTimeout>>()
    for (const [type, list] of Object.entries(refreshes)) {
      source.addEventListener(type, () => {
        for (const { key, afterMs = 300 } of list) {
          const id = JSON.stringify(key)
          if (timers.has(id)) continue
          timers.set(
            id,
            setTimeout(() => {
              timers.delete(id)
              void queryClient.invalidateQueries({ queryKey: key })
            }, afterMs),
          )
        }
      })
    }
    return () => {
      for (const timer of timers.values()) clearTimeout(timer)
      source.close()
    }
  }, [queryClient, url, refreshes])
}
