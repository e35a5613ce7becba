using System.Globalization;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Replies;

namespace Communaute.Bot.Ratings;

/// <summary>« Utile » / « Pas utile » on the answer <paramref name="AnswerId"/>.</summary>
public sealed record RateAnswer(long AnswerId, bool Useful);

/// <summary>« Passer » on the « Qu'est-ce qui manquait ? » of the rating <paramref name="RatingId"/>.</summary>
public sealed record SkipComment(long RatingId);

/// <summary>
/// The typed intents of rating an answer, as buttons carry them (<see cref="ChoiceAction"/>: kind, version, arguments)
/// and as the same words typed read. A button's text is what typing it would say, so a channel that loses the data
/// (plain text) still leads to the same intent through <see cref="RatingWordsFeature"/>.
/// </summary>
public static class RatingIntents
{
    public const string RateKind = "rate";
    public const string SkipKind = "rate-skip";

    public const string UsefulWord = "utile";
    public const string NotUsefulWord = "pas utile";
    public const string SkipWord = "passer";

    public static Choice UsefulButton(long answerId) => new("Utile", UsefulWord, ChoiceStyle.Primary) { Action = Rate(answerId, true) };

    public static Choice NotUsefulButton(long answerId) => new("Pas utile", NotUsefulWord) { Action = Rate(answerId, false) };

    public static Choice SkipButton(long ratingId) => new("Passer", SkipWord)
    {
        Action = new ChoiceAction(SkipKind, new Dictionary<string, string> { ["ratingId"] = Id(ratingId) }),
    };

    private static ChoiceAction Rate(long answerId, bool useful) => new(RateKind, new Dictionary<string, string>
    {
        ["answerId"] = Id(answerId),
        ["useful"] = useful ? "true" : "false",
    });

    /// <summary>The rating a click carries, or null (another intent, or arguments that do not read).</summary>
    public static RateAnswer? ReadRate(ChoiceAction? action) =>
        action is { Kind: RateKind } && Long(action, "answerId") is { } id && action.Arguments.TryGetValue("useful", out var u) && bool.TryParse(u, out var useful)
            ? new RateAnswer(id, useful) : null;

    public static SkipComment? ReadSkip(ChoiceAction? action) =>
        action is { Kind: SkipKind } && Long(action, "ratingId") is { } id ? new SkipComment(id) : null;

    /// <summary>True / false for the typed words « utile » / « pas utile » (and their usual variants), null for anything else.</summary>
    public static bool? ReadWords(string text) =>
        TextMatching.IsOneOf(text, UsefulWord, "c'est utile", "très utile", "utile merci", "merci c'est utile") ? true
        : TextMatching.IsOneOf(text, NotUsefulWord, "pas utile du tout", "inutile", "ce n'est pas utile", "c'est pas utile", "pas très utile") ? false
        : null;

    public static bool IsSkip(string text) => TextMatching.IsOneOf(text, SkipWord, "non merci", "rien", "non");

    private static long? Long(ChoiceAction action, string key) =>
        action.Arguments.TryGetValue(key, out var v) && long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
