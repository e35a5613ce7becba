using Communaute.Knowledge.Answering;
using Communaute.Knowledge.Model;
using Communaute.Dialogs.Replies;

namespace Communaute.Bot.Features;

/// <summary>Turns a knowledge answer into the neutral reply: quote, citation, follow-ups.</summary>
public static class AnswerReplies
{
    public const string ForwardCommand = "transmettre";
    public const string EntryCommand = "fiche";

    public static Reply From(KnowledgeAnswer answer)
    {
        if (answer.Kind == AnswerKind.Unclear) return Reply.Say(answer.Text);

        if (!answer.Answered)
            return Reply.Show(new Card
            {
                Sections = [new CardSection(null, answer.Text +
                    " Voulez-vous que je transmette votre question aux animateurs de la communauté ?")],
                Choices =
                [
                    new Choice("Transmettre aux animateurs", ForwardCommand, ChoiceStyle.Primary),
                    .. answer.Related.Select(q => new Choice(q, q)),
                ],
            });

        var cited = answer.Sources[0].Entry;
        var choices = new List<Choice>();
        choices.AddRange(answer.Alternatives.Select(e => new Choice("Vouliez-vous dire : " + e.Title, $"{EntryCommand} {e.Id}")));
        choices.AddRange(answer.Related.Where(q => answer.Alternatives.All(a => KnowledgeAnswerer.FirstQuestion(a) != q))
            .Take(3).Select(q => new Choice(q, q)));
        return Reply.Show(new Card
        {
            Title = cited.Title,
            Sections = [new CardSection(null, answer.Text)],
            Facts = Citation(cited, answer.WrittenByAi),
            Choices = choices.Take(5).ToList(),
            Links = string.IsNullOrWhiteSpace(cited.Source.Link) ? [] : [new CardLink("Lire la source", cited.Source.Link)],
        });
    }

    /// <summary>A whole entry, when a member picks it ("fiche …", "vouliez-vous dire").</summary>
    public static Reply FromEntry(KnowledgeEntry entry) => Reply.Show(new Card
    {
        Title = entry.Title,
        Sections = [new CardSection(null, entry.PlainBody)],
        Facts = Citation(entry, false),
    });

    private static List<Fact> Citation(KnowledgeEntry entry, bool writtenByAi)
    {
        var facts = new List<Fact> { new("Source", entry.Source.Citation) };
        if (!string.IsNullOrWhiteSpace(entry.Section)) facts.Add(new Fact("Section", entry.Section));
        if (writtenByAi) facts.Add(new Fact("Rédaction", "réponse rédigée par IA à partir de la source citée"));
        return facts;
    }
}
