using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Intents;
using Communaute.Dialogs.Replies;

namespace Communaute.Bot.Ratings;

/// <summary>An intent of rating an answer, run by <see cref="RatingFeature"/>.</summary>
public interface IRatingIntent;

/// <summary>
/// « Utile » / « Pas utile » on the answer <paramref name="AnswerId"/>. Kind "rate", version 1 and the arguments
/// "answerId" / "useful" are those of the cards posted before the intents were records: they still read.
/// </summary>
[Intent("rate")] public sealed record RateAnswer(long AnswerId, bool Useful) : IRatingIntent;

/// <summary>« Passer » on the « Qu'est-ce qui manquait ? » of the rating <paramref name="RatingId"/>.</summary>
[Intent("rate-skip")] public sealed record SkipComment(long RatingId) : IRatingIntent;

/// <summary>
/// The rating buttons, built from their intents, and the words that read as the same intents when typed. A button's
/// text is what typing it would say, so a channel that loses the data (plain text) still leads to the same intent
/// through <see cref="RatingWordsFeature"/>.
/// </summary>
public static class RatingIntents
{
    public static readonly IReadOnlyCollection<Type> All = IntentCodec.TypesOf<IRatingIntent>();

    public const string UsefulWord = "utile";
    public const string NotUsefulWord = "pas utile";
    public const string SkipWord = "passer";

    public static Choice UsefulButton(long answerId) => new Choice("Utile", UsefulWord, ChoiceStyle.Primary).Doing(new RateAnswer(answerId, true));

    public static Choice NotUsefulButton(long answerId) => new Choice("Pas utile", NotUsefulWord).Doing(new RateAnswer(answerId, false));

    public static Choice SkipButton(long ratingId) => new Choice("Passer", SkipWord).Doing(new SkipComment(ratingId));

    /// <summary>True / false for the typed words « utile » / « pas utile » (and their usual variants), null for anything else.</summary>
    public static bool? ReadWords(string text) =>
        TextMatching.IsOneOf(text, UsefulWord, "c'est utile", "très utile", "utile merci", "merci c'est utile") ? true
        : TextMatching.IsOneOf(text, NotUsefulWord, "pas utile du tout", "inutile", "ce n'est pas utile", "c'est pas utile", "pas très utile") ? false
        : null;

    public static bool IsSkip(string text) => TextMatching.IsOneOf(text, SkipWord, "non merci", "rien", "non");
}
