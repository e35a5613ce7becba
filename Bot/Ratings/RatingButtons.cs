using Communaute.Dialogs.Replies;
using Communaute.Knowledge.Answering;

namespace Communaute.Bot.Ratings;

/// <summary>« Utile » / « Pas utile » under an answer: on the answer's card, or after the close fiches of a partial answer.</summary>
public static class RatingButtons
{
    public const string PartialQuestion = "Ces fiches vous ont-elles aidé ?";

    public static IReadOnlyList<Reply> Add(IReadOnlyList<Reply> replies, AnswerKind kind, long? answerId)
    {
        if (answerId is not { } id || replies.Count == 0) return replies;
        Choice[] buttons = [RatingIntents.UsefulButton(id), RatingIntents.NotUsefulButton(id)];
        // A confident answer is one card: the buttons rate what it says.
        if (kind == AnswerKind.Answer && replies[^1].Card is { } card)
            return [.. replies.SkipLast(1), replies[^1] with { Card = card with { Choices = [.. card.Choices, .. buttons] } }];
        // Close fiches are several cards, each with its own « Voir la fiche »: one question for them all.
        return [.. replies, Reply.Show(new Card { Sections = [new CardSection(null, PartialQuestion)], Choices = buttons })];
    }
}
