const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;
/** Documents repeat a few hundred dates; parsing each once keeps large runs fast. NaN marks an invalid text. */
const dayNumbers = new Map<string, number>();

function parse(text: string): number {
  const match = ISO_DATE.exec(text);
  if (!match) return Number.NaN;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  const valid =
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return valid ? Math.floor(date.getTime() / MS_PER_DAY) : Number.NaN;
}

function lookup(text: string): number {
  let day = dayNumbers.get(text);
  if (day === undefined) {
    day = parse(text);
    if (dayNumbers.size > 100_000) dayNumbers.clear();
    dayNumbers.set(text, day);
  }
  return day;
}

/** A date without a time of day, held as days since 1970-01-01 so that distances are integers. */
export const CalendarDate = {
  isValid(text: string): boolean {
    return !Number.isNaN(lookup(text));
  },

  /** Day number of an ISO date (`2026-03-31`); the caller validated it. */
  toDayNumber(text: string): number {
    return lookup(text);
  },

  fromDayNumber(day: number): string {
    return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
  },
};
