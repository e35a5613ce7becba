using Communaute.Bot.Features;
using Communaute.Dialogs.Replies;
using Communaute.Knowledge;
using NodaTime;

namespace Communaute.Bot.Curation;

/// <summary>A group of « pas utile » as a curator's card: the question, the answer given, its fiche, what was missing, and the buttons to close it.</summary>
public static class NotUsefulCards
{
    private const int MaxComments = 5;

    public static Reply Card(NotUsefulGroupView view, KnowledgeService knowledge, Instant now)
    {
        var latest = view.Items[0];
        var sections = new List<CardSection>
        {
            new("Question", UserText.Escape(view.Group.Text)),
            new("Réponse donnée", UserText.Escape(AnswerReplies.Opening(latest.Answer, 400))),
            new("Fiche citée", latest.EntryIds.Count == 0 ? "aucune" : string.Join("\n", latest.EntryIds.Take(3).Select(id => Fiche(id, knowledge)))),
        };
        var comments = view.Items.Where(i => !string.IsNullOrWhiteSpace(i.Comment)).Take(MaxComments).Select(i => "« " + UserText.Escape(i.Comment!) + " »").ToList();
        if (comments.Count > 0) sections.Add(new CardSection("Ce qui manquait", string.Join("\n", comments)));

        // The cited fiche (once edited) or the closest ones, to mark the group fixed in one click.
        var cited = latest.EntryIds.Select(knowledge.Find).OfType<Knowledge.Model.KnowledgeEntry>().Take(1);
        var close = (knowledge.Answer(view.Group.Text).Decision?.Hits ?? []).Where(h => h.Coverage >= 0.3).Select(h => h.Entry);
        var candidates = cited.Concat(close).DistinctBy(e => e.Id).Take(2).ToList();
        var id = view.Group.Id;
        return Reply.Show(new Card
        {
            Title = $"Pas utile · {(view.Count == 1 ? "1 avis" : $"{view.Count} avis")} · {CuratorFeature.Age(now - view.FirstRatedAt)}",
            Sections = sections,
            Choices =
            [
                .. candidates.Select(e => CuratorIntents.Fixed(id, e.Id, CuratorFeature.Short(e.Title))),
                CuratorIntents.Dismiss(id),
            ],
        });
    }

    private static string Fiche(string id, KnowledgeService knowledge) =>
        knowledge.Find(id) is { } entry ? $"{entry.Title} ({id})" : $"{id} — fiche retirée de la base depuis";
}
