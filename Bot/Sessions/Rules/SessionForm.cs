using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;

namespace Communaute.Bot.Sessions.Rules;

/// <summary>A session as a facilitator described it, checked; the start is in the facilitator's zone.</summary>
public sealed record SessionDraft(
    string Title,
    string? Theme,
    Instant? Start,
    int DurationMinutes,
    string? Place,
    int CapacityMin,
    int CapacityMax,
    int ClientSlots,
    int BookingClosesHours,
    int CancellationClosesHours,
    string? Organisation,
    IReadOnlyList<ReminderOffset> Reminders);

/// <summary>The fields of the facilitators' session form, and the checks of what they typed.</summary>
public static partial class SessionForm
{
    public const string Title = "titre";
    public const string Theme = "theme";
    public const string Date = "date";
    public const string Time = "heure";
    public const string Phrase = "serie";
    public const string Duration = "duree";
    public const string Place = "lieu";
    public const string CapacityMin = "capacite_min";
    public const string CapacityMax = "capacite_max";
    public const string Clients = "clients";
    public const string BookingCloses = "cloture";
    public const string CancellationCloses = "annulation";
    public const string Organisation = "organisation";
    public const string Reminders = "rappels";

    public const int DefaultCapacityMin = 4;
    public const int DefaultCapacityMax = 8;
    public const int DefaultClients = 1;
    public const int DefaultDuration = 120;
    public const int DefaultBookingCloses = 24;
    public const int DefaultCancellationCloses = 2;
    public const int MaxTitle = 200;
    public const int MaxTheme = 500;
    public const int MaxPlace = 500;
    public const int MaxOrganisation = 200;

    /// <summary>
    /// Reads the form. With <paramref name="needsDate"/>, the date and time are required and must be in the future
    /// (in <paramref name="zone"/>, the facilitator's). Returns the draft, or the list of problems in French.
    /// </summary>
    public static (SessionDraft? Draft, IReadOnlyList<string> Problems) Read(
        IReadOnlyDictionary<string, string> values, DateTimeZone zone, Instant now, bool needsDate)
    {
        var problems = new List<string>();
        string? Value(string key) => values.TryGetValue(key, out var v) && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

        var title = Value(Title);
        if (title is null) problems.Add("Le titre est obligatoire.");
        else if (title.Length > MaxTitle) problems.Add($"Le titre dépasse {MaxTitle} caractères.");
        var theme = Value(Theme);
        if (theme?.Length > MaxTheme) problems.Add($"Le thème dépasse {MaxTheme} caractères.");
        var place = Value(Place);
        if (place?.Length > MaxPlace) problems.Add($"Le lieu dépasse {MaxPlace} caractères.");
        var organisation = Value(Organisation);
        if (organisation?.Length > MaxOrganisation) problems.Add($"L'organisation dépasse {MaxOrganisation} caractères.");

        Instant? start = null;
        if (needsDate)
        {
            var today = now.InZone(zone).Date;
            var date = Value(Date) is { } dateText ? FrenchDates.FindDate(dateText, today) : null;
            var time = Value(Time) is { } timeText ? FrenchDates.FindTime(timeText) : Value(Date) is { } inDate ? FrenchDates.FindTime(inDate) : null;
            if (Value(Date) is null) problems.Add("La date est obligatoire (par exemple 12/03/2027).");
            else if (date is null) problems.Add($"Je ne reconnais pas la date « {Value(Date)} » : écrivez-la par exemple 12/03/2027 ou 12 mars 2027.");
            else if (date.Error is { } dateError) problems.Add(dateError);
            if (time is null) problems.Add(Value(Time) is null ? "L'heure est obligatoire (par exemple 14h00)." : $"Je ne reconnais pas l'heure « {Value(Time)} » : écrivez-la par exemple 14h00.");
            if (date?.Date is { } d && time is { } t)
            {
                start = d.At(t.Time).InZoneLeniently(zone).ToInstant();
                if (start <= now) problems.Add($"Le {FrenchDates.DateTime(d.At(t.Time))} est déjà passé : choisissez une date à venir.");
            }
        }

        var duration = Minutes(Value(Duration), DefaultDuration, problems);
        if (duration is < 60 or > 240) problems.Add("La durée doit être comprise entre 1 h et 4 h (une session de co-développement dure 1 h 30 à 3 h).");
        var min = Number(Value(CapacityMin), DefaultCapacityMin, "La capacité minimale", problems);
        var max = Number(Value(CapacityMax), DefaultCapacityMax, "La capacité maximale", problems);
        var clients = Number(Value(Clients), DefaultClients, "Le nombre de places de client", problems);
        var bookingCloses = Number(Value(BookingCloses), DefaultBookingCloses, "La clôture des inscriptions", problems);
        var cancelCloses = Number(Value(CancellationCloses), DefaultCancellationCloses, "Le délai d'annulation", problems);
        if (min < 1) problems.Add("La capacité minimale doit être d'au moins 1 personne.");
        if (max < min) problems.Add($"La capacité maximale ({max}) est inférieure au minimum ({min}).");
        if (max > 30) problems.Add("La capacité maximale est de 30 personnes (un groupe de co-développement compte 4 à 8 pairs).");
        if (clients < 0 || clients > 3) problems.Add("Le nombre de places de client va de 0 à 3.");
        else if (clients > max) problems.Add($"Il y a plus de places de client ({clients}) que de places ({max}).");
        if (bookingCloses is < 0 or > 336) problems.Add("La clôture des inscriptions se compte en heures avant la session, de 0 à 336.");
        if (cancelCloses is < 0 or > 336) problems.Add("Le délai d'annulation se compte en heures avant la session, de 0 à 336.");
        if (!ReminderOffsets.TryParse(Value(Reminders) ?? ReminderOffsets.Default, out var reminders, out var reminderError)) problems.Add(reminderError!);

        if (problems.Count > 0) return (null, problems);
        return (new SessionDraft(title!, theme, start, duration, place, min, max, clients, bookingCloses, cancelCloses, organisation, reminders), problems);
    }

    /// <summary>"120", "2h", "1h30", "90 min" → minutes.</summary>
    public static int Minutes(string? text, int fallback, List<string> problems)
    {
        if (text is null) return fallback;
        var m = DurationText().Match(Folding.FoldKeepingPositions(text).Trim());
        if (!m.Success)
        {
            problems.Add($"Je ne reconnais pas la durée « {text} » : écrivez par exemple 120 (minutes) ou 2h.");
            return fallback;
        }
        if (m.Groups["min"].Success) return int.Parse(m.Groups["min"].Value, CultureInfo.InvariantCulture);
        var hours = int.Parse(m.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minutes = m.Groups["m"].Success ? int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture) : 0;
        return hours * 60 + minutes;
    }

    private static int Number(string? text, int fallback, string what, List<string> problems)
    {
        if (text is null) return fallback;
        if (double.TryParse(text.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && value == Math.Floor(value) && Math.Abs(value) < 100_000)
            return (int)value;
        problems.Add($"{what} doit être un nombre entier (« {text} » n'en est pas un).");
        return fallback;
    }

    [GeneratedRegex(@"^(?:(?<min>\d{1,3})(?:\s*(?:min|minutes?|mn))?|(?<h>\d{1,2})\s*h(?:eures?)?\s*(?<m>\d{2})?)$")]
    private static partial Regex DurationText();
}
