const MS_PER_DAY = 86_400_000;
const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Days from 1970-01-01 to January 1st of `year` (proleptic Gregorian calendar). */
function daysBeforeYear(year: number): number {
  const y = year - 1;
  return 365 * (year - 1970) + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) - 477;
}

/** The value of `length` ASCII digits at `from`, or -1 if one is not a digit. */
function digits(text: string, from: number, length: number): number {
  let value = 0;
  for (let i = from; i < from + length; i += 1) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * Day number of `YYYY-MM-DD`, or NaN when the text is not such a date. Computed, not parsed
 * with `Date`: it runs for every document of a run. Years before 100 are not dates (JavaScript
 * reads them as 19xx).
 */
function lookup(text: string): number {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return Number.NaN;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return Number.NaN;
  const leapDay = month > 2 && isLeapYear(year) ? 1 : 0;
  return daysBeforeYear(year) + DAYS_BEFORE_MONTH[month - 1] + leapDay + day - 1;
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
