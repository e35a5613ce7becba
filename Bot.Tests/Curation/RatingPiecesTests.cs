using Communaute.Bot.Digest;
using Communaute.Bot.Ratings;
using Communaute.Dialogs.Intents;
using Communaute.Dialogs.Replies;
using Communaute.Knowledge.Answering;
using NodaTime;

namespace Communaute.Bot.Tests.Curation;

/// <summary>Where the rating buttons go on each kind of answer, and the ratings' counts in the digest.</summary>
public sealed class RatingPiecesTests
{
    private static Reply Cited(string title) => Reply.Show(new Card { Title = title, Choices = [new Choice("Voir la fiche", "fiche x")] });

    [Fact]
    public void An_answer_card_carries_the_buttons_and_close_fiches_get_one_question_for_all()
    {
        var answer = RatingButtons.Add([Cited("FISO")], AnswerKind.Answer, 9);
        var card = Assert.Single(answer).Card!;
        Assert.Equal(["Voir la fiche", "Utile", "Pas utile"], card.Choices.Select(c => c.Label));
        Assert.Equal(new RateAnswer(9, true), IntentCodec.Read(card.Choices[1].Action, typeof(RateAnswer)));

        var partial = RatingButtons.Add([Reply.Say("Voici ce qui s'en rapproche :"), Cited("A"), Cited("B")], AnswerKind.Partial, 10);
        Assert.Equal(4, partial.Count);
        Assert.All(partial.Take(3), r => Assert.DoesNotContain(r.Card?.Choices ?? [], c => c.Action is not null));
        Assert.Equal(RatingButtons.PartialQuestion, partial[^1].Card!.Sections[0].Text);
        Assert.Equal(new RateAnswer(10, false), IntentCodec.Read(partial[^1].Card!.Choices[1].Action, typeof(RateAnswer)));

        // Nothing stored (an abstention): no buttons.
        Assert.Same(answer, RatingButtons.Add(answer, AnswerKind.Answer, null));
    }

    [Fact]
    public void The_most_asked_topics_say_how_members_rated_them()
    {
        var sources = new DigestSources(new YearMonth(2027, 1), 1, [], [],
            [new AskedTopic("e1", "FISO", 5, Useful: 3, NotUseful: 1), new AskedTopic("e2", "SCIC", 2)], [], null);
        var topics = DigestDraftBuilder.Build(sources).Single(s => s.Kind == SectionKinds.Topics);
        Assert.Contains("FISO — 5 questions · jugée utile 3 fois, pas utile 1 fois", topics.Text);
        Assert.Contains("SCIC — 2 questions\n", topics.Text + "\n");
    }
}
