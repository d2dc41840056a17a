/** The source of "now" for application code; tests inject a fixed clock so results are repeatable. */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
