using NodaTime;

namespace Communaute.Bot.Calendar;

/// <summary>Where a date is read: public holidays differ in Alsace-Moselle and in each overseas territory.</summary>
public enum Territory
{
    Metropole,
    AlsaceMoselle,
    Guadeloupe,
    Martinique,
    Guyane,
    LaReunion,
    Mayotte,
    SaintMartin,
    SaintBarthelemy,
}

/// <summary>A public holiday: its date and its French name (« Ascension »).</summary>
public sealed record PublicHoliday(LocalDate Date, string Name);

/// <summary>
/// French public holidays (Code du travail L3133-1), the one calendar of sessions and digest: the eleven national days
/// (Easter-based ones computed), plus Vendredi saint and 26 décembre in Alsace-Moselle, plus the abolition of slavery
/// on each overseas territory's own date (décret 83-1003). New Caledonia and French Polynesia keep the national list here.
/// </summary>
public static class FrenchPublicHolidays
{
    public static IReadOnlyList<PublicHoliday> In(int year, Territory territory = Territory.Metropole)
    {
        var easter = Easter(year);
        var days = new List<PublicHoliday>
        {
            new(new LocalDate(year, 1, 1), "Jour de l'an"),
            new(easter.PlusDays(1), "Lundi de Pâques"),
            new(new LocalDate(year, 5, 1), "Fête du Travail"),
            new(new LocalDate(year, 5, 8), "Victoire 1945"),
            new(easter.PlusDays(39), "Ascension"),
            new(easter.PlusDays(50), "Lundi de Pentecôte"),
            new(new LocalDate(year, 7, 14), "Fête nationale"),
            new(new LocalDate(year, 8, 15), "Assomption"),
            new(new LocalDate(year, 11, 1), "Toussaint"),
            new(new LocalDate(year, 11, 11), "Armistice 1918"),
            new(new LocalDate(year, 12, 25), "Noël"),
        };
        if (territory == Territory.AlsaceMoselle)
        {
            days.Add(new(easter.PlusDays(-2), "Vendredi saint"));
            days.Add(new(new LocalDate(year, 12, 26), "Saint-Étienne"));
        }
        if (AbolitionOfSlavery(territory) is var (month, day)) days.Add(new(new LocalDate(year, month, day), "Abolition de l'esclavage"));
        return days.OrderBy(d => d.Date).ToList();
    }

    /// <summary>The holiday on that date (names joined when two fall the same day), or null.</summary>
    public static PublicHoliday? On(LocalDate date, Territory territory = Territory.Metropole)
    {
        var names = In(date.Year, territory).Where(h => h.Date == date).Select(h => h.Name).ToList();
        return names.Count == 0 ? null : new PublicHoliday(date, string.Join(" et ", names));
    }

    public static bool IsHoliday(LocalDate date, Territory territory = Territory.Metropole) => On(date, territory) is not null;

    public static bool IsWorkingDay(LocalDate date, Territory territory = Territory.Metropole) =>
        date.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday) && !IsHoliday(date, territory);

    /// <summary>Easter Sunday (Gregorian calendar, anonymous algorithm of Meeus/Jones/Butcher).</summary>
    public static LocalDate Easter(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451, month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
        return new LocalDate(year, month, day);
    }

    /// <summary>The territory a time zone stands for (Europe/Paris: metropolitan France; Alsace-Moselle has no zone of its own).</summary>
    public static Territory ForZone(string zoneId) => zoneId switch
    {
        "America/Guadeloupe" => Territory.Guadeloupe,
        "America/Martinique" => Territory.Martinique,
        "America/Cayenne" => Territory.Guyane,
        "Indian/Reunion" => Territory.LaReunion,
        "Indian/Mayotte" => Territory.Mayotte,
        "America/Marigot" => Territory.SaintMartin,
        "America/St_Barthelemy" => Territory.SaintBarthelemy,
        _ => Territory.Metropole,
    };

    public static string NameOf(Territory territory) => territory switch
    {
        Territory.Metropole => "métropole",
        Territory.AlsaceMoselle => "Alsace-Moselle",
        Territory.Guadeloupe => "Guadeloupe",
        Territory.Martinique => "Martinique",
        Territory.Guyane => "Guyane",
        Territory.LaReunion => "La Réunion",
        Territory.Mayotte => "Mayotte",
        Territory.SaintMartin => "Saint-Martin",
        _ => "Saint-Barthélemy",
    };

    /// <summary>
    /// What a session on that date collides with, for a session held in that zone: « Ascension »; for metropolitan
    /// sessions, a day off only in Alsace-Moselle is named too (« Vendredi saint en Alsace-Moselle »).
    /// </summary>
    public static string? WarningFor(LocalDate date, string zoneId)
    {
        var territory = ForZone(zoneId);
        if (On(date, territory) is { } here) return here.Name;
        if (territory == Territory.Metropole && On(date, Territory.AlsaceMoselle) is { } alsace) return alsace.Name + " en Alsace-Moselle";
        return null;
    }

    private static (int Month, int Day)? AbolitionOfSlavery(Territory territory) => territory switch
    {
        Territory.Mayotte => (4, 27),
        Territory.Martinique => (5, 22),
        Territory.Guadeloupe => (5, 27),
        Territory.SaintMartin => (5, 28),
        Territory.Guyane => (6, 10),
        Territory.SaintBarthelemy => (10, 9),
        Territory.LaReunion => (12, 20),
        _ => null,
    };
}
