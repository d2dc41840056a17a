/**
 * Base of every error that domain and application code raise on purpose. The `code` is a stable
 * API value (`AREA.REASON`); the HTTP status it maps to lives in `error-status.ts`, so domain code
 * never knows about HTTP.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;

  protected constructor(
    message: string,
    /** Safe, structured facts a client may see (never secrets or internal state). */
    readonly details?: Record<string, unknown>,
    /** The error this one stands for, kept for the log (`cause`). */
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}
