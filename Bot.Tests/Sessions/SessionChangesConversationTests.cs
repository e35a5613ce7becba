using Communaute.Bot.Tests.Infrastructure;

namespace Communaute.Bot.Tests.Sessions;

/// <summary>What members read when a session moves, lists grow and cards age (issue 19).</summary>
public sealed class SessionChangesConversationTests : IAsyncLifetime
{
    private BotTestHost _host = null!;
    private TestChat _facilitator = null!;

    public async Task InitializeAsync()
    {
        _host = await SessionsHost.StartAsync();
        _facilitator = new TestChat(_host, "facilitator", "Fanny Animatrice");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Point2_a_waitlisted_member_is_told_she_is_still_waiting_when_the_session_moves()
    {
        var id = await _facilitator.CreateSessionAsync(_host, more: new Dictionary<string, string> { ["capacite_min"] = "1", ["capacite_max"] = "1" });
        var (amel, basile) = (new TestChat(_host, "a", "Amel"), new TestChat(_host, "b", "Basile"));
        (await amel.Says($"réserver {id}")).Answers("votre place est réservée");
        (await basile.Says($"réserver {id}")).Answers("liste d'attente, en position 1");
        _host.Sent().Clear();

        (await _facilitator.Says($"déplacer la session {id} au 17/12/2026 14h"))
            .Answers("1 participant prévenu", "1 personne en liste d'attente prévenue").DoesNotSay("2 participants");
        var toBasile = _host.Sent().TextTo("conv-b");
        Assert.Contains("toujours sur la liste d'attente", toBasile);
        Assert.DoesNotContain("Votre place est gardée", toBasile);
        Assert.Contains("Votre place est gardée", _host.Sent().TextTo("conv-a"));
    }
}
