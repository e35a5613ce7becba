using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;

namespace Communaute.Bot.Sessions.Rules;

/// <summary>A reminder sent some time before a session: "J-2" (two days), "H-1" (one hour), "M-30" (thirty minutes).</summary>
public sealed record ReminderOffset(string Label, Duration Before);

/// <summary>Reads and writes the reminders of a session, as facilitators type them ("J-2, H-1", "J-1", "aucun").</summary>
public static partial class ReminderOffsets
{
    public const string Default = "J-2,H-1";
    public const int MaxCount = 4;

    public static IReadOnlyList<ReminderOffset> Parse(string? stored) =>
        TryParse(stored, out var offsets, out _) ? offsets : TryParse(Default, out var d, out _) ? d : [];

    /// <summary>False with a French reason when the text is not a list of reminders.</summary>
    public static bool TryParse(string? text, out IReadOnlyList<ReminderOffset> offsets, out string? error)
    {
        offsets = [];
        error = null;
        var folded = Folding.FoldKeepingPositions(text ?? "").Trim();
        if (folded is "" or "aucun" or "aucune" or "non" or "sans") return true;
        var list = new List<ReminderOffset>();
        foreach (var part in folded.Split([',', ';', '/', '+'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                     .SelectMany(p => p.Split(" et ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var m = Item().Match(part);
            if (!m.Success)
            {
                error = $"Je ne comprends pas le rappel « {part} » : écrivez par exemple « J-2, H-1 » (deux jours et une heure avant) ou « aucun ».";
                return false;
            }
            var n = int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
            var unit = m.Groups["u"].Value;
            ReminderOffset offset = unit switch
            {
                "j" => new($"J-{n}", Duration.FromDays(n)),
                "h" => new($"H-{n}", Duration.FromHours(n)),
                _ => new($"M-{n}", Duration.FromMinutes(n)),
            };
            if (offset.Before < Duration.FromMinutes(5) || offset.Before > Duration.FromDays(14))
            {
                error = $"Le rappel « {part} » doit tomber entre 5 minutes et 14 jours avant la session.";
                return false;
            }
            if (list.All(o => o.Before != offset.Before)) list.Add(offset);
        }
        if (list.Count > MaxCount)
        {
            error = $"Au plus {MaxCount} rappels par session.";
            return false;
        }
        offsets = list.OrderByDescending(o => o.Before).ToList();
        return true;
    }

    public static string Format(IReadOnlyList<ReminderOffset> offsets) => string.Join(",", offsets.Select(o => o.Label));

    /// <summary>"deux jours avant, une heure avant" for people.</summary>
    public static string Describe(IReadOnlyList<ReminderOffset> offsets) =>
        offsets.Count == 0 ? "aucun rappel" : string.Join(", ", offsets.Select(o => o.Label switch
        {
            var l when l.StartsWith('J') => l == "J-1" ? "la veille" : $"{l[2..]} jours avant",
            var l when l.StartsWith('H') => l == "H-1" ? "une heure avant" : $"{l[2..]} heures avant",
            var l => $"{l[2..]} minutes avant",
        }));

    [GeneratedRegex(@"^(?:(?<u>j|h|m)\s*-\s*(?<n>\d{1,3})|(?<n>\d{1,3})\s*(?<u>j|h|m)(?:ours?|eures?|in(?:utes?)?)?(?:\s+avant)?)$")]
    private static partial Regex Item();
}
