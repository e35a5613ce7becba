using Communaute.Bot.Tests.Infrastructure;
using Communaute.Bot.Tests.Sessions;

namespace Communaute.Bot.Tests.Slack;

/// <summary>In a Slack channel, what concerns one member reaches that member alone; the channel sees the seat count.</summary>
public sealed class SlackChannelPrivacyTests : IAsyncLifetime
{
    private SlackTestHost _slack = null!;

    public async Task InitializeAsync() =>
        _slack = await SlackTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Community:Facilitators"] = "test:facilitator,slack:UFAC",
            ["Community:PublicBaseUrl"] = "https://bot.communaute.example",
        });

    public async Task DisposeAsync() => await _slack.DisposeAsync();

    private async Task<SlackCall> SentAsync(Func<SlackCall, bool> match, string what)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (DateTime.UtcNow < until)
        {
            if (_slack.Slack.Calls.FirstOrDefault(match) is { } call) return call;
            await Task.Delay(20);
        }
        throw new Xunit.Sdk.XunitException($"Rien d'envoyé pour « {what} » ; appels :\n"
            + string.Join("\n", _slack.Slack.Calls.Select(c => $"{c.Method} {c.Str("channel")} {string.Concat(c.AllText.Take(200))}")));
    }

    [Fact]
    public async Task A_member_who_books_from_the_channel_card_is_answered_privately_and_gets_the_invitation_in_direct_messages()
    {
        var id = await new TestChat(_slack.Host, "facilitator", "Fanny").CreateSessionAsync(_slack.Host);
        await _slack.PostEventAsync(SlackTestHost.Envelope(_slack.NextEventId(), SlackTestHost.Mention("UFAC", "C1", $"publier {id}", "1795000000.000100")));
        var card = await SentAsync(c => c.Method == "chat.postMessage" && c.Str("channel") == "C1", "la carte de la session");
        var before = _slack.Slack.Calls.Count;

        var book = SlackTestHost.Buttons(card).First(b => b["text"]?["text"]?.ToString().StartsWith("Réserver", StringComparison.Ordinal) == true);
        await _slack.PostInteractionAsync(_slack.Click(book, "UBOB", "C1"));

        await SentAsync(c => c.Method == "chat.update" && c.AllText.Contains("7 places libres sur 8"), "la carte mise à jour");
        var confirmation = await SentAsync(c => c.AllText.Contains("votre place est réservée"), "la confirmation");
        var invitation = await SentAsync(c => c.AllText.Contains("Calendrier (.ics)"), "l'invitation");
        Assert.True(confirmation.Method == "chat.postEphemeral" && confirmation.Str("user") == "UBOB"
                    || confirmation.Method == "response_url" && confirmation.Str("response_type") == "ephemeral",
            $"confirmation publique : {confirmation.Method} {confirmation.Body.ToJsonString()}");
        Assert.Equal(("chat.postMessage", "DUBOB"), (invitation.Method, invitation.Str("channel")));
        Assert.Matches(@"https://bot\.communaute\.example/sessions/calendrier/\d+\.ics\?", invitation.AllText);
        Assert.DoesNotContain(_slack.Slack.Calls.Skip(before), c => c.Method == "chat.postMessage" && c.Str("channel") == "C1");
    }
}
