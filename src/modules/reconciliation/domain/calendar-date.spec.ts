import { CalendarDate } from './calendar-date';

describe('CalendarDate', () => {
  it.each(['1970-01-01', '2026-03-31', '2024-02-29', '2000-02-29', '1969-12-31', '0100-01-01', '9999-12-31'])(
    'counts the days of %s as Date does',
    (text) => expect(CalendarDate.toDayNumber(text)).toBe(Date.parse(`${text}T00:00:00Z`) / 86_400_000),
  );

  it.each(['2026-02-29', '1900-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-01-00', '0099-01-01'])(
    'rejects the impossible date %s',
    (text) => expect(CalendarDate.isValid(text)).toBe(false),
  );

  it.each(['2026-1-01', '2026/01/01', ' 2026-01-01', '2026-01-01\n', '２０２６-01-01', ''])(
    'rejects %j, not written YYYY-MM-DD',
    (text) => expect(CalendarDate.isValid(text)).toBe(false),
  );

  it('turns a day number back into its date', () => {
    expect(CalendarDate.fromDayNumber(CalendarDate.toDayNumber('2026-03-31'))).toBe('2026-03-31');
  });
});
