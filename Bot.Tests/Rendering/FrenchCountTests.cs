using Communaute.Dialogs.Replies;

namespace Communaute.Bot.Tests.Rendering;

public sealed class FrenchCountTests
{
    [Theory]
    [InlineData(0, "session", null, "0 session")]
    [InlineData(1, "participant prévenu", null, "1 participant prévenu")]
    [InlineData(6, "session", null, "6 sessions")]
    [InlineData(2, "personne prévenue", null, "2 personnes prévenues")]
    [InlineData(3, "place de client", null, "3 places de clients")]
    [InlineData(3, "place de client", "places de client", "3 places de client")]
    [InlineData(2, "session à venir sera annulée", "sessions à venir seront annulées", "2 sessions à venir seront annulées")]
    public void A_count_agrees_its_words_as_french_does(int n, string singular, string? plural, string expected) =>
        Assert.Equal(expected, FrenchCount.Of(n, singular, plural));
}
