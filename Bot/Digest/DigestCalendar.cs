using System.Globalization;
using Communaute.Bot.Calendar;
using NodaTime;

namespace Communaute.Bot.Digest;

/// <summary>
/// When each month's digest is drafted, recalled and posted: posted on the first working day of the month at 09:00
/// Paris time, drafted three days before at the same hour, facilitators reminded the day before when still unapproved.
/// </summary>
public static class DigestCalendar
{
    public static readonly DateTimeZone Paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];
    public static readonly LocalTime PostingTime = new(9, 0);
    public const int DraftDaysBefore = 3;

    public static string PeriodOf(YearMonth month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static YearMonth? ParsePeriod(string period) =>
        period.Length == 7 && int.TryParse(period[..4], out var y) && int.TryParse(period[5..], out var m) && m is >= 1 and <= 12
            ? new YearMonth(y, m) : null;

    public static LocalDate FirstWorkingDay(YearMonth month)
    {
        var date = month.OnDayOfMonth(1);
        while (!FrenchPublicHolidays.IsWorkingDay(date)) date = date.PlusDays(1);
        return date;
    }

    public static Instant PostingAt(YearMonth month) => At(FirstWorkingDay(month));
    public static Instant DraftAt(YearMonth month) => At(FirstWorkingDay(month).PlusDays(-DraftDaysBefore));
    public static Instant ReminderAt(YearMonth month) => At(FirstWorkingDay(month).PlusDays(-1));

    /// <summary>The first instant after the month (midnight Paris on the 1st of the next month).</summary>
    public static Instant EndOf(YearMonth month) => month.PlusMonths(1).OnDayOfMonth(1).AtStartOfDayInZone(Paris).ToInstant();

    public static YearMonth MonthOf(Instant instant) => instant.InZone(Paris).Date.ToYearMonth();

    private static Instant At(LocalDate date) => (date + PostingTime).InZoneLeniently(Paris).ToInstant();
}
