using Communaute.French;
using NodaTime;

namespace Communaute.Bot.Sessions.Rules;

/// <summary>Whether a session falls at night for a reader, and the warning shown then.</summary>
public static class NightHours
{
    /// <summary>Before this hour or from <see cref="NightFrom"/> on, a session is at night for the reader.</summary>
    public static readonly LocalTime NightUntil = new(7, 0);
    public static readonly LocalTime NightFrom = new(22, 0);

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
        return $"Attention : chez vous, cette session a lieu de nuit ({FrenchDates.Time(here.TimeOfDay)}–{FrenchDates.Time(hereEnd.TimeOfDay)} {ZoneNames.For(reader).At}).";
    }
}
