using System.Globalization;
using NodaTime;

namespace Communaute.Bot.Digest;

/// <summary>French public holidays (metropolitan list, Easter-based ones computed): they are not working days.</summary>
public static class FrenchHolidays
{
    public static bool IsHoliday(LocalDate date)
    {
        var (y, m, d) = (date.Year, date.Month, date.Day);
        if ((m, d) is (1, 1) or (5, 1) or (5, 8) or (7, 14) or (8, 15) or (11, 1) or (11, 11) or (12, 25)) return true;
        var easter = Easter(y);
        return date == easter.PlusDays(1) || date == easter.PlusDays(39) || date == easter.PlusDays(50);
    }

    public static bool IsWorkingDay(LocalDate date) =>
        date.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday) && !IsHoliday(date);

    /// <summary>Easter Sunday (Gregorian calendar, anonymous algorithm of Meeus/Jones/Butcher).</summary>
    public static LocalDate Easter(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451, month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
        return new LocalDate(year, month, day);
    }
}

/// <summary>
/// When each month's digest is drafted, recalled and posted: posted on the first working day of the month at 09:00
/// Paris time, drafted three days before at the same hour, facilitators reminded the day before when still unapproved.
/// </summary>
public static class DigestCalendar
{
    public static readonly DateTimeZone Paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];
    public static readonly LocalTime PostingTime = new(9, 0);
    public const int DraftDaysBefore = 3;
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static string PeriodOf(YearMonth month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static YearMonth? ParsePeriod(string period) =>
        period.Length == 7 && int.TryParse(period[..4], out var y) && int.TryParse(period[5..], out var m) && m is >= 1 and <= 12
            ? new YearMonth(y, m) : null;

    public static LocalDate FirstWorkingDay(YearMonth month)
    {
        var date = month.OnDayOfMonth(1);
        while (!FrenchHolidays.IsWorkingDay(date)) date = date.PlusDays(1);
        return date;
    }

    public static Instant PostingAt(YearMonth month) => At(FirstWorkingDay(month));
    public static Instant DraftAt(YearMonth month) => At(FirstWorkingDay(month).PlusDays(-DraftDaysBefore));
    public static Instant ReminderAt(YearMonth month) => At(FirstWorkingDay(month).PlusDays(-1));

    /// <summary>The first instant after the month (midnight Paris on the 1st of the next month).</summary>
    public static Instant EndOf(YearMonth month) => month.PlusMonths(1).OnDayOfMonth(1).AtStartOfDayInZone(Paris).ToInstant();

    public static YearMonth MonthOf(Instant instant) => instant.InZone(Paris).Date.ToYearMonth();

    private static Instant At(LocalDate date) => (date + PostingTime).InZoneLeniently(Paris).ToInstant();

    /// <summary>"décembre 2026".</summary>
    public static string MonthName(YearMonth month) => month.OnDayOfMonth(1).ToString("MMMM yyyy", French);

    /// <summary>"lundi 4 janvier 2027 à 09:00 (heure de Paris)" in the reader's zone, the zone named.</summary>
    public static string When(Instant instant, DateTimeZone zone)
    {
        var local = instant.InZone(zone);
        var name = zone.Id == Paris.Id ? "heure de Paris" : "heure " + zone.Id;
        return local.Date.ToString("dddd d MMMM yyyy", French) + " à " + local.TimeOfDay.ToString("HH:mm", CultureInfo.InvariantCulture) + $" ({name})";
    }
}
