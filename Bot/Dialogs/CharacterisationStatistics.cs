using System.Globalization;
using System.Text.Json;
using Communaute.Bot.Pipeline;
using Communaute.Bot.Storage;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Characterisation;
using Communaute.Dialogs.Replies;
using Microsoft.EntityFrameworkCore;

namespace Communaute.Bot.Dialogs;

/// <summary>
/// Anonymised statistics for facilitators: distribution of levels per criterion (each holder's latest result) and
/// characterisations per month. Nothing is shown for groups of fewer than <see cref="MinimumGroup"/> results.
/// </summary>
public sealed class CharacterisationStatistics(BotDbContext db, IFacilitatorScope scope)
{
    public const int MinimumGroup = 5;

    /// <summary>The statistics of the holders <paramref name="viewer"/> may see (their communities), in their time zone.</summary>
    public async Task<Reply> BuildAsync(MemberInfo viewer, CancellationToken ct)
    {
        var zone = viewer.Zone;
        var visible = scope.VisibleMembers(db, viewer);
        var rows = await db.Set<CharacterisationRecord>().AsNoTracking()
            .Where(c => visible.Any(m => m.Id == c.MemberId))
            .Select(c => new { c.MemberId, c.CompletedAt, c.LevelsJson, c.Id })
            .ToListAsync(ct);
        var latest = rows.GroupBy(r => r.MemberId).Select(g => g.OrderByDescending(r => r.CompletedAt).ThenByDescending(r => r.Id).First()).ToList();
        if (latest.Count < MinimumGroup)
            return Reply.Say($"Pas encore de statistiques : il faut au moins {MinimumGroup} porteurs ayant caractérisé leur projet pour que rien ne permette de reconnaître quelqu'un (aujourd'hui : moins de {MinimumGroup}).");

        var grid = Grid.Current;
        var levels = latest.Select(r => Read(r.LevelsJson)).ToList();
        var facts = grid.Criteria.Select(c =>
        {
            var counts = new int[grid.Levels.Count];
            var unknown = 0;
            foreach (var l in levels)
                if (l.TryGetValue(c.Id, out var v) && v >= 0 && v < counts.Length) counts[v]++;
                else unknown++;
            var text = string.Join(" · ", grid.Levels.Select((name, i) => $"{name} {counts[i]}")) + (unknown > 0 ? $" · ne sait pas {unknown}" : "");
            return new Fact(c.Name, text);
        }).ToList();

        var months = rows
            .GroupBy(r => r.CompletedAt.InZone(zone).Date.ToYearMonth())
            .OrderBy(g => g.Key)
            .Select(g => g.Count() >= MinimumGroup
                ? $"- {g.Key.ToString("MM/yyyy", CultureInfo.InvariantCulture)} : {g.Count()}"
                : $"- {g.Key.ToString("MM/yyyy", CultureInfo.InvariantCulture)} : moins de {MinimumGroup}")
            .ToList();

        return Reply.Show(new Card
        {
            Title = "Caractérisations — statistiques anonymes",
            Subtitle = $"{latest.Count} porteurs (dernier résultat de chacun), {rows.Count} caractérisations au total. Aucun résultat nominatif.",
            Facts = facts,
            Sections = [new CardSection("Caractérisations par mois", string.Join("\n", months))],
        });
    }

    private static Dictionary<string, int> Read(string json)
    {
        try { return JsonSerializer.Deserialize<Dictionary<string, int>>(json) ?? []; }
        catch (JsonException) { return []; }
    }
}
