// Submitting a @mantine/form form at most once at a time, whatever the clicks and key presses.
import type { UseFormReturnType } from '@mantine/form'
import { type FormEvent, useRef } from 'react'

/**
 * `form.onSubmit` with a lock: a second submit while the first request is in flight is dropped, so a
 * double click adds one record. `form.submitting` stays true until the request settles. A failure
 * is shown by the mutation's own `onError`, so it is not rethrown here.
 */
export function useSubmit<Values, Transformed>(
  form: UseFormReturnType<Values, Transformed>,
  send: (values: Transformed) => Promise<unknown>,
): (event?: FormEvent<HTMLFormElement>) => void {
  const inFlight = useRef(false)
  return form.onSubmit((values) => {
    if (inFlight.current) return
    inFlight.current = true
    return send(values)
      .catch(() => undefined)
      .finally(() => {
        inFlight.current = false
      })
  })
}
