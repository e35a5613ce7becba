using Communaute.Bot.ExperienceDirectory.Rules;
using Communaute.Bot.ExperienceDirectory.Storage;
using Communaute.Bot.Storage;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Replies;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Communaute.Bot.ExperienceDirectory;

/// <summary>
/// « couverture », for facilitators: the subjects members asked about in the last 90 days — unanswered questions and
/// directory searches that found nobody — for which no published card matches today, most asked first. Subjects
/// only: no names, so facilitators can recruit peers without seeing who asked.
/// </summary>
public sealed class CoverageReport(BotDbContext db, DirectoryIndexCache cache)
{
    public static readonly Duration Window = Duration.FromDays(90);
    public const int MaxSubjects = 15;

    public async Task<Reply> BuildAsync(Instant now, CancellationToken ct)
    {
        var since = now - Window;
        var questions = await db.UnansweredQuestions.AsNoTracking()
            .Where(q => q.AskedAt > since && (q.Status == UnansweredStatus.Open || q.Status == UnansweredStatus.Forwarded))
            .Select(q => q.Text).ToListAsync(ct);
        var searches = await db.Set<DirectorySearch>().AsNoTracking().Where(s => s.At > since && s.Results == 0).Select(s => s.Text).ToListAsync(ct);
        var index = await cache.GetAsync(db, ct);
        var uncovered = questions.Concat(searches)
            .GroupBy(TextMatching.Fold)
            .Where(g => g.Key.Length > 0)
            .Select(g => (Text: g.First(), Times: g.Count()))
            .Where(x => index.Search(x.Text, null, 1).Count == 0)
            .OrderByDescending(x => x.Times).ThenBy(x => x.Text, StringComparer.Ordinal)
            .ToList();
        var published = await db.Set<ExperienceCard>().CountAsync(c => c.Status == CardStatus.Published, ct);
        var lines = uncovered.Take(MaxSubjects)
            .Select(x => $"- « {UserText.Escape(x.Text.Length > 120 ? x.Text[..119] + "…" : x.Text)} »" + (x.Times > 1 ? $" ({x.Times} fois)" : ""));
        return Reply.Show(new Card
        {
            Title = "Couverture de l'annuaire des expériences",
            Subtitle = $"{FrenchCount.Of(published, "fiche publiée")}. Sujets demandés depuis 90 jours sans fiche correspondante : {uncovered.Count}. "
                       + "Questions restées sans réponse et recherches sans résultat ; aucun nom n'est montré.",
            Sections = uncovered.Count == 0
                ? [new CardSection(null, "Tous les sujets demandés ont au moins une fiche correspondante.")]
                : [new CardSection("Sujets à couvrir", string.Join("\n", lines))],
        });
    }
}
