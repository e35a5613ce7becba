using Communaute.Bot.Tests.Infrastructure;
using NodaTime;

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

    [Fact]
    public async Task Point11_a_card_posted_in_a_channel_stops_offering_a_seat_once_the_session_started()
    {
        var id = await _facilitator.CreateSessionAsync(_host, date: "10/12/2026", time: "14h00");
        var channel = new TestChat(_host, "facilitator", "Fanny Animatrice", conversationId: "canal-codev", isGroup: true);
        (await channel.Says($"publier {id}")).Answers("est annoncée ici");
        Assert.Contains(Assert.Single(_host.Sent().To("canal-codev")).Card!.Choices, c => c.Label == "Réserver");

        _host.Clock.Reset(Instant.FromUtc(2026, 12, 10, 13, 1));
        await _host.RunDueWorkAsync();
        var redrawn = _host.Sent().Updates.Last().Reply.Card!;
        Assert.DoesNotContain(redrawn.Choices, c => c.Label is "Réserver" or "Liste d'attente" or "Être client");
        Assert.Contains(redrawn.Sections, s => s.Text.Contains("a commencé", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Point9_the_sessions_list_says_how_many_and_shows_more()
    {
        for (var day = 1; day <= 7; day++)
            await _facilitator.CreateSessionAsync(_host, title: $"Codev {day}", date: $"{day + 1:00}/12/2026", time: "14h00");
        var alice = new TestChat(_host, "alice", "Alice");
        (await alice.Says("sessions")).Answers("sessions 1 à 5 sur 7", "Codev 5", "Encore 2 sessions plus loin").DoesNotSay("Codev 6").Offers("Voir plus");
        (await alice.Clicks("Voir plus")).Answers("sessions 6 à 7 sur 7", "Codev 6", "Codev 7").DoesNotSay("Codev 5", "Voir plus");
    }

    [Fact]
    public async Task Point13_wording_an_anonymous_facilitator_no_client_seat_an_impossible_year_and_no_late_reminder()
    {
        var anonymous = new TestChat(_host, "facilitator", userName: null);
        var id = await anonymous.CreateSessionAsync(_host, title: "Codev éclair", date: "23/11/2026", time: "10h05",
            more: new Dictionary<string, string> { ["clients"] = "0", ["cloture"] = "0", ["annulation"] = "0" });
        var alice = new TestChat(_host, "alice", "Alice");
        (await alice.Says($"session {id}")).Answers("Codev éclair").DoesNotSay("Animation", "membre");
        (await alice.Says($"être client {id} : Comment financer une étude d'impact sans y passer l'année ?"))
            .Answers("n'a pas de place de client").DoesNotSay("déjà prise");
        (await alice.Says($"réserver {id}")).Answers("votre place est réservée", "pas de rappel").DoesNotSay("J-2", "H-1");
        (await alice.Says("pause sessions jusqu'au 15 mars 99999")).Answers("99999").DoesNotSay("2027");
    }
}
