/** Plain-language notes for how a purchase order was found. */
export const ROUTE_NOTES = {
  exact: 'cited reference',
  reference: 'cited reference, written differently (case, spaces, prefix or leading zeros)',
  similar_reference:
    'the cited reference has a typo; matched the PO one or two characters away whose lines fit',
  search: 'found by vendor, currency, amount and lines (no usable reference)',
} as const;
