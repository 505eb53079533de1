// An action on one record whose answer is the record as it is now: the answer replaces the record
// shown, the lists of its kind refresh, and a notification says it was done.
import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query'
import { notifySuccess } from './problem'

export function useRecordAction<T, R>(
  keys: { detail: QueryKey; all: QueryKey },
  send: (input: T) => Promise<R>,
  done: string,
) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: send,
    onSuccess: async (updated) => {
      notifySuccess(done)
      queryClient.setQueryData(keys.detail, updated)
      await queryClient.invalidateQueries({ queryKey: keys.all })
    },
  })
}
