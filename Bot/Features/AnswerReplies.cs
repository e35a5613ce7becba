using Communaute.Knowledge.Answering;
using Communaute.Knowledge.Model;
using Communaute.Dialogs.Intents;
using Communaute.Dialogs.Replies;

namespace Communaute.Bot.Features;

/// <summary>Turns a knowledge answer into neutral replies: quote, citation, follow-ups; candidates as cited cards.</summary>
public static class AnswerReplies
{
    public const string ForwardCommand = "transmettre";
    public const string EntryCommand = "fiche";

    private const string ForwardOffer = " Voulez-vous que je transmette votre question aux animateurs de la communauté ?";
    /// <summary>
    /// The button carries the question it was offered for ("transmettre : …"), so that a click on an older card forwards
    /// that question, not the last one asked, and the reply can name it.
    /// </summary>
    private static Choice ForwardButton(KnowledgeAnswer answer) =>
        new Choice("Transmettre aux animateurs", ForwardValue(answer.Question), ChoiceStyle.Primary).Doing(new ForwardQuestion(ForwardedQuestion(answer.Question)));

    public const string ForwardQuestionSeparator = " : ";

    /// <summary>A suggested question: clicking it asks it.</summary>
    public static Choice Ask(string question) => new Choice(question, question).Doing(new AskQuestion(question));

    private static Choice EntryButton(string label, string entryId) => new Choice(label, $"{EntryCommand} {entryId}").Doing(new ShowKnowledgeEntry(entryId));

    public static string ForwardValue(string question) =>
        ForwardedQuestion(question) is { Length: > 0 } q ? ForwardCommand + ForwardQuestionSeparator + q : ForwardCommand;

    /// <summary>The question a forward button names: one line, 300 characters at most.</summary>
    private static string ForwardedQuestion(string question)
    {
        var q = question.ReplaceLineEndings(" ").Trim();
        return q.Length <= 300 ? q : q[..300];
    }

    public static IReadOnlyList<Reply> From(KnowledgeAnswer answer) => answer.Kind switch
    {
        AnswerKind.Unclear or AnswerKind.SmallTalk => [Reply.Say(answer.Text)],
        AnswerKind.Abstain =>
        [
            Reply.Show(new Card
            {
                Sections = [new CardSection(null, answer.Text + ForwardOffer)],
                Choices = [ForwardButton(answer), .. answer.Related.Select(Ask)],
            }),
        ],
        // The passage on the subject is cited, without quoting it as if it answered.
        AnswerKind.MissingDetail =>
        [
            Reply.Show(new Card
            {
                Sections = [new CardSection(null, answer.Text + ForwardOffer)],
                Facts = Citation(answer.Sources[0].Entry, false),
                Choices = [ForwardButton(answer), EntryButton("Voir la fiche", answer.Sources[0].Entry.Id)],
            }),
        ],
        AnswerKind.NotDefined =>
        [
            Reply.Say(answer.Text),
            .. answer.Sources.Select(s => Candidate(s.Entry)),
            Reply.Show(new Card { Sections = [new CardSection(null, ForwardOffer.Trim())], Choices = [ForwardButton(answer)] }),
        ],
        AnswerKind.Partial => [Reply.Say(answer.Note is null ? answer.Text : answer.Note + " " + answer.Text), .. answer.Sources.Select(s => Candidate(s.Entry))],
        _ => [Confident(answer)],
    };

    private static Reply Confident(KnowledgeAnswer answer)
    {
        var cited = answer.Sources[0].Entry;
        var choices = new List<Choice>();
        choices.AddRange(answer.Alternatives.Select(e => EntryButton("Vouliez-vous dire : " + e.Title, e.Id)));
        choices.AddRange(answer.Related.Where(q => answer.Alternatives.All(a => KnowledgeAnswerer.FirstQuestion(a) != q))
            .Take(3).Select(Ask));
        return Reply.Show(new Card
        {
            Title = cited.Title,
            Subtitle = answer.Note,
            Sections = [new CardSection(null, answer.Text)],
            Facts = Citation(cited, answer.WrittenByAi),
            Choices = choices.Take(5).ToList(),
            Links = string.IsNullOrWhiteSpace(cited.Source.Link) ? [] : [new CardLink("Lire la source", cited.Source.Link)],
        });
    }

    /// <summary>An entry offered as a candidate: its title, its opening, its source, a button to read it all.</summary>
    private static Reply Candidate(KnowledgeEntry entry) => Reply.Show(new Card
    {
        Title = entry.Title,
        Sections = [new CardSection(null, Opening(entry.PlainBody, 320))],
        Facts = Citation(entry, false),
        Choices = [EntryButton("Voir la fiche", entry.Id)],
    });

    /// <summary>A whole entry, when a member picks it ("fiche …", "vouliez-vous dire").</summary>
    public static Reply FromEntry(KnowledgeEntry entry) => Reply.Show(new Card
    {
        Title = entry.Title,
        Sections = [new CardSection(null, entry.PlainBody)],
        Facts = Citation(entry, false),
    });

    /// <summary>The passage's first sentences within a length, cut after a sentence when possible.</summary>
    public static string Opening(string text, int max)
    {
        if (text.Length <= max) return text;
        var cut = text.LastIndexOfAny(['.', '!', '?', '\n'], max);
        return cut > max / 2 ? text[..(cut + 1)].TrimEnd() + " …" : text[..max].TrimEnd() + " …";
    }

    private static List<Fact> Citation(KnowledgeEntry entry, bool writtenByAi)
    {
        var facts = new List<Fact> { new("Source", entry.Source.Citation) };
        if (!string.IsNullOrWhiteSpace(entry.Section)) facts.Add(new Fact("Section", entry.Section));
        if (writtenByAi) facts.Add(new Fact("Rédaction", "réponse rédigée par IA à partir de la source citée"));
        return facts;
    }
}
