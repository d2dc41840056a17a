/** Facts about the HTTP request (or CLI call) behind a use case, for audit events and sessions. */
export interface RequestMeta {
  ip?: string;
  userAgent?: string;
  requestId?: string;
}
