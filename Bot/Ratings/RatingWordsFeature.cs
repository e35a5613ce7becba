using Communaute.Dialogs.Conversation;

namespace Communaute.Bot.Ratings;

/// <summary>
/// « utile » / « pas utile » typed right after an answer: the same intent as its buttons, for the member's last answer
/// in this conversation (within <see cref="AnswerRatings.Window"/>). With no recent answer the words go on to the Q&amp;A.
/// After running dialogs, so a questionnaire's own answers are never taken for a rating.
/// </summary>
public sealed class RatingWordsFeature(AnswerRatings ratings, RatingFeature rating) : ITurnFeature
{
    public int Order => 120;

    public async Task<bool> TryHandleAsync(TurnContext context, CancellationToken cancellationToken)
    {
        if (context.Turn.IsClick || RatingIntents.ReadWords(context.Text) is not { } useful) return false;
        if (await ratings.LatestAsync(context, cancellationToken) is not { } answer) return false;
        await rating.RateAsync(context, new RateAnswer(answer.Id, useful), cancellationToken);
        return true;
    }
}
