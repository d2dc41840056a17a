/**
 * Whether this process has been told to stop. Readiness answers 503 from that moment, so a load
 * balancer stops routing to the instance while it still finishes what it has in flight.
 */
export class ShutdownState {
  private requested = false;

  begin(): void {
    this.requested = true;
  }

  get isShuttingDown(): boolean {
    return this.requested;
  }
}
