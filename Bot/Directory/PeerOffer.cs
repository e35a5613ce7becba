using Communaute.Bot.ExperienceDirectory.Rules;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Replies;

namespace Communaute.Bot.ExperienceDirectory;

/// <summary>
/// When the knowledge base cannot answer, the peers who can: « 2 membres ont de l'expérience sur ce sujet : voir qui ».
/// Nothing is said when no card matches.
/// </summary>
public sealed class PeerOffer(DirectorySearchService search)
{
    /// <summary>At most this many are counted (« 5 membres ou plus » reads the same to the member).</summary>
    private const int MaxCounted = 20;

    public async Task OfferAsync(string question, TurnContext context, CancellationToken ct)
    {
        var asked = DirectoryQuestion.Of(question);
        if (!asked.HasTopic) return;
        var found = await search.SearchAsync(context.Member.Id, asked, MaxCounted, ct);
        if (found.Count == 0) return;
        context.Send(new Reply
        {
            Text = $"{FrenchCount.Of(found.Count, "membre a", "membres ont")} de l'expérience sur ce sujet : voir qui ?",
            SuggestedActions = [new Choice("Voir qui", "voir qui : " + asked.Topic + (asked.Region is null ? "" : " en " + asked.Region)).Doing(new SearchPeers(asked.Topic, asked.Region))],
        });
    }
}
