using System.Text.Json;
using System.Text.Json.Nodes;
using Communaute.Bot.Channels.Slack;
using Communaute.Bot.Rendering;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Bot.Tests.Slack;
using Communaute.Dialogs.Replies;
using NodaTime;

namespace Communaute.Bot.Tests.Sessions;

/// <summary>Every reply of the sessions, said or sent, renders validly: official Adaptive Cards parser, Slack types and limits.</summary>
public sealed class SessionCardsTests
{
    private static readonly Lazy<Task<List<Reply>>> Story = new(EverySessionReplyAsync);

    /// <summary>Walks through the whole story and keeps every reply: in turns and proactive.</summary>
    private static async Task<List<Reply>> EverySessionReplyAsync()
    {
        await using var host = await SessionsHost.StartAsync();
        var facilitator = new TestChat(host, "facilitator", "Fanny Animatrice");
        var replies = new List<Reply>();
        async Task Keep(Task<BotSaid> said) => replies.AddRange((await said).Replies);

        await Keep(facilitator.Says("créer une session"));
        await Keep(facilitator.Submits(new Dictionary<string, string> { ["titre"] = "x", ["date"] = "31/02/2027", ["heure"] = "14h" }));
        var id = await facilitator.CreateSessionAsync(host, more: new Dictionary<string, string> { ["capacite_min"] = "1", ["capacite_max"] = "2" });
        await Keep(facilitator.Says("créer une série le 2e jeudi de chaque mois à 14h"));
        await Keep(facilitator.Submits(new Dictionary<string, string> { ["serie"] = "le 2e jeudi de chaque mois à 14h, 3 sessions", ["titre"] = "Série <test> & co" }));
        await Keep(facilitator.Says($"modifier la session {id}"));
        var (a, b, c) = (new TestChat(host, "a", "Amel [x](http://evil)", timeZone: "Pacific/Tahiti"), new TestChat(host, "b", "Basile"), new TestChat(host, "c", "Chloé"));
        await Keep(a.Says("sessions"));
        await Keep(a.Says($"être client {id}"));
        await Keep(a.Says($"être client {id} : Un **problème** réel, avec des <balises> et [un lien](http://evil)."));
        await Keep(a.Says("mon organisation"));
        await Keep(a.Says("mon fuseau"));
        await Keep(b.Says($"réserver {id}"));
        await Keep(c.Says($"réserver {id}"));
        await Keep(c.Says("mes sessions"));
        await Keep(b.Says("annuler ma réservation"));
        await Keep(b.Says($"annuler la réservation {id}"));
        await Keep(c.Says($"calendrier {id}"));
        await Keep(facilitator.Says($"participants {id}"));
        await Keep(facilitator.Says($"message aux participants {id}"));
        await Keep(facilitator.Says($"annuler la session {id}"));
        await Keep(facilitator.Says("proposer des groupes"));
        host.Clock.Reset(Instant.FromUtc(2026, 12, 10, 13, 0) - Duration.FromDays(2));
        await host.RunDueWorkAsync();
        host.Clock.Reset(Instant.FromUtc(2026, 12, 10, 13, 0));
        await host.RunDueWorkAsync();
        await Keep(facilitator.Says($"étape suivante {id} 1"));
        await Keep(facilitator.Says($"présences {id}"));
        host.Clock.Reset(Instant.FromUtc(2026, 12, 10, 16, 0));
        await host.RunDueWorkAsync();
        await Keep(facilitator.Says($"annuler la session {id}"));
        await Keep(a.Says($"plan d'action {id}"));
        replies.AddRange(host.Sent().All.Select(m => m.Reply));
        return replies;
    }

    [SkippableFact]
    public async Task Every_session_reply_is_a_valid_adaptive_card_and_valid_block_kit()
    {
        var replies = await Story.Value;
        Assert.Contains(replies, r => r.Card?.Title == "Une place s'est libérée");
        Assert.Contains(replies, r => r.Card?.Title?.StartsWith("Rappel", StringComparison.Ordinal) == true);
        Assert.Contains(replies, r => r.Card?.Title?.StartsWith("Session en cours", StringComparison.Ordinal) == true);
        Assert.Contains(replies, r => r.Card?.Inputs.Any(i => i.Kind == InputKind.Toggle) == true);
        Assert.Contains(replies, r => r.Card?.Title == "Nouvelle série mensuelle");

        var cards = replies.Select(r => r.Card is null ? AdaptiveCardRenderer.RenderText(r.Text ?? "") : AdaptiveCardRenderer.Render(r.Card)).ToArray();
        await CardValidator.AssertValidAsync(cards);

        var messages = replies.SelectMany(r => SlackBlockKitRenderer.Render(r, "form-id")).Select(m => SlackBlockKitRenderer.ToJson(m.Blocks)).ToList();
        var views = replies.Where(r => r.Card?.Inputs.Count > 0)
            .Select(r => JsonSerializer.SerializeToNode(SlackModalRenderer.Render(r.Card!, "{}"), BlockKitJson.Options)!.AsObject()).ToList();
        var problems = messages.SelectMany(m => SlackLimits.CheckMessage(m)).Concat(views.SelectMany(SlackLimits.CheckView)).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        var errors = await SlackBlockKitTests.TypeCheckAsync(messages, views);
        Assert.True(errors.Count == 0, "tsc --strict refuse des blocs :\n" + string.Join("\n", errors));
    }

    [Fact]
    public async Task What_members_typed_stays_literal_in_cards()
    {
        var replies = await Story.Value;
        var participants = replies.Single(r => r.Card?.Title?.StartsWith("Participants", StringComparison.Ordinal) == true).Card!;
        var text = string.Join("\n", participants.Sections.Select(s => (s.Heading ?? "") + s.Text));
        Assert.Contains(@"\*\*problème\*\*", text);
        Assert.Contains(@"\[un lien\]\(http://evil\)", text);
        Assert.DoesNotContain("[un lien](http://evil)", text);
    }
}
