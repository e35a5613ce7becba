using System.Globalization;
using NodaTime;

namespace Communaute.Bot.Sessions.Rules;

/// <summary>Dates and times written the French way, in the reader's zone, with the zone named.</summary>
public static class FrenchTime
{
    public static readonly string[] Days = ["", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];
    public static readonly string[] Months = ["", "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

    /// <summary>Before this hour or from <see cref="NightFrom"/> on, a session is at night for the reader.</summary>
    public static readonly LocalTime NightUntil = new(7, 0);
    public static readonly LocalTime NightFrom = new(22, 0);

    /// <summary>"jeudi 12 mars 2027".</summary>
    public static string Date(LocalDate d, bool withYear = true) =>
        $"{Days[(int)d.DayOfWeek]} {(d.Day == 1 ? "1er" : d.Day.ToString(CultureInfo.InvariantCulture))} {Months[d.Month]}" +
        (withYear ? " " + d.Year.ToString(CultureInfo.InvariantCulture) : "");

    /// <summary>"14h00".</summary>
    public static string Time(LocalTime t) => string.Create(CultureInfo.InvariantCulture, $"{t.Hour:00}h{t.Minute:00}");

    /// <summary>"jeudi 12 mars 2027 à 14h00".</summary>
    public static string DateTime(LocalDateTime t) => $"{Date(t.Date)} à {Time(t.TimeOfDay)}";

    /// <summary>An instant for a reader: "jeudi 12 mars 2027 à 14h00 (heure de Paris)".</summary>
    public static string At(Instant instant, DateTimeZone reader) =>
        $"{DateTime(instant.InZone(reader).LocalDateTime)} ({ZoneNames.For(reader).TimeOf})";

    /// <summary>
    /// When a session is, for a reader: "jeudi 12 mars 2027, 14h00 heure de Paris" in the session's zone, followed by
    /// the reader's own time when they live elsewhere: "— 09h00 à Pointe-à-Pitre" (with the date when it differs).
    /// </summary>
    public static string SessionWhen(Instant start, DateTimeZone sessionZone, DateTimeZone reader)
    {
        var there = start.InZone(sessionZone).LocalDateTime;
        var text = $"{Date(there.Date)}, {Time(there.TimeOfDay)} {ZoneNames.For(sessionZone).TimeOf}";
        if (reader.Id == sessionZone.Id) return text;
        var here = start.InZone(reader).LocalDateTime;
        var hereText = here.Date == there.Date ? Time(here.TimeOfDay) : $"{Date(here.Date, withYear: here.Date.Year != there.Date.Year)}, {Time(here.TimeOfDay)}";
        return $"{text} — {hereText} {ZoneNames.For(reader).At}";
    }

    /// <summary>True when any part of [start, end) falls before 07:00 or from 22:00 in the reader's zone.</summary>
    public static bool IsAtNight(Instant start, Instant end, DateTimeZone reader)
    {
        var from = start.InZone(reader).LocalDateTime;
        var to = end.InZone(reader).LocalDateTime;
        var inDaytime = from.TimeOfDay >= NightUntil && to <= from.Date.At(NightFrom);
        return !inDaytime;
    }

    /// <summary>The night warning for a reader, or null.</summary>
    public static string? NightWarning(Instant start, Instant end, DateTimeZone reader)
    {
        if (!IsAtNight(start, end, reader)) return null;
        var here = start.InZone(reader).LocalDateTime;
        var hereEnd = end.InZone(reader).LocalDateTime;
        return $"Attention : chez vous, cette session a lieu de nuit ({Time(here.TimeOfDay)}–{Time(hereEnd.TimeOfDay)} {ZoneNames.For(reader).At}).";
    }

    /// <summary>"1 h 30", "2 h", "45 min".</summary>
    public static string Length(int minutes) => minutes switch
    {
        < 60 => $"{minutes} min",
        _ when minutes % 60 == 0 => $"{minutes / 60} h",
        _ => string.Create(CultureInfo.InvariantCulture, $"{minutes / 60} h {minutes % 60:00}"),
    };

    /// <summary>"de Bruno", "d'Amel", "du client", "de la cliente", "des clients": « de » as French writes it before a name.</summary>
    public static string Of(string name) => name switch
    {
        _ when name.StartsWith("le ", StringComparison.OrdinalIgnoreCase) => "du " + name[3..],
        _ when name.StartsWith("les ", StringComparison.OrdinalIgnoreCase) => "des " + name[4..],
        _ when name.Length > 0 && "aeiouyhâàéèêîïôûAEIOUYHÂÀÉÈÊÎÏÔÛ".Contains(name[0], StringComparison.Ordinal) => "d'" + name,
        _ => "de " + name,
    };

    /// <summary>
    /// A person's name worth showing: null when blank or the directory's stand-in « membre » (an anonymous page
    /// visitor), so no card, digest or invite reads « Animation : membre ».
    /// </summary>
    public static string? Named(string? name) =>
        string.IsNullOrWhiteSpace(name) || string.Equals(name.Trim(), "membre", StringComparison.OrdinalIgnoreCase) ? null : name;
}
