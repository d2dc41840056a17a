/** Which part of a long list to read: at most `limit` items after skipping `offset`, in the list's own order. */
export interface ListPage {
  readonly limit: number;
  readonly offset: number;
}
