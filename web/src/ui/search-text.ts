// A search box bound to the URL: typing commits after a pause, and a URL change resets the box.
import { useDebouncedValue } from '@mantine/hooks'
import { useEffect, useRef, useState } from 'react'

export function useSearchText(committed: string | undefined, commit: (q: string | undefined) => void) {
  const [text, setText] = useState(committed ?? '')
  const [debounced] = useDebouncedValue(text.trim(), 300)
  const latest = useRef({ committed: committed ?? '', commit, debounced })
  latest.current = { committed: committed ?? '', commit, debounced }

  useEffect(() => {
    if (latest.current.committed !== debounced) latest.current.commit(debounced || undefined)
  }, [debounced])

  useEffect(() => {
    // Only an outside change (a link, the back button) rewrites what the user is typing.
    if ((committed ?? '') !== latest.current.debounced) setText(committed ?? '')
  }, [committed])

  return [text, setText] as const
}
