using Communaute.Bot.Rendering;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Replies;

namespace Communaute.Bot.Tests.Infrastructure;

/// <summary>
/// A conversation with the bot that reads like a chat:
/// <code>var bot = await chat.Says("bonjour"); bot.Answers("Ce que je sais faire");</code>
/// </summary>
public sealed class TestChat(BotTestHost host, string userId = "alice", string? userName = "Alice Martin",
    string channel = "test", string? conversationId = null, bool isGroup = false, string? timeZone = null, string? conversationReference = null)
{
    public string UserId => userId;
    public BotSaid? Last { get; private set; }

    public Task<BotSaid> Says(string text) => Send(new IncomingTurn
    {
        Channel = channel, ConversationId = conversationId ?? "conv-" + userId, UserId = userId, UserName = userName,
        Text = text, IsGroup = isGroup, TimeZone = timeZone, ConversationReference = conversationReference,
    });

    /// <summary>Clicks the button whose label contains <paramref name="label"/> on the last replies.</summary>
    public Task<BotSaid> Clicks(string label)
    {
        var (choice, card) = (Last ?? throw new InvalidOperationException("rien à cliquer")).FindChoice(label);
        return ClicksValue(choice.Value, card?.PromptId, choice.Action);
    }

    /// <summary>
    /// Clicks a button with a given value on a card with a given prompt (e.g. an old card); its typed intent, if any,
    /// comes back as form values, as the renderers' click data does on every channel.
    /// </summary>
    public Task<BotSaid> ClicksValue(string value, string? promptId, ChoiceAction? action = null) => Send(new IncomingTurn
    {
        Channel = channel, ConversationId = conversationId ?? "conv-" + userId, UserId = userId, UserName = userName,
        Text = value, PromptId = promptId, IsGroup = isGroup, TimeZone = timeZone, ConversationReference = conversationReference,
        FormValues = action is null ? new Dictionary<string, string>() : action.Data.ToDictionary(),
    });

    /// <summary>Submits the last card's form with these values, beside its submit's typed intent as the renderers' data carries it.</summary>
    public Task<BotSaid> Submits(IReadOnlyDictionary<string, string> values, bool withText = true)
    {
        var card = Last?.Replies.LastOrDefault(r => r.Card?.Inputs.Count > 0)?.Card ?? throw new InvalidOperationException("pas de formulaire");
        var data = card.SubmitAction?.Data.ToDictionary() ?? [];
        foreach (var (key, value) in values) data[key] = value;
        return Send(new IncomingTurn
        {
            Channel = channel, ConversationId = conversationId ?? "conv-" + userId, UserId = userId, UserName = userName,
            Text = withText ? card.SubmitValue : "", FormValues = data, PromptId = card.PromptId ?? "form", IsGroup = isGroup, TimeZone = timeZone,
            ConversationReference = conversationReference,
        });
    }

    private async Task<BotSaid> Send(IncomingTurn turn)
    {
        var said = new BotSaid(await host.Turns.HandleAsync(turn));
        Last = said;
        // What the turn sent to others (a booking's confirmation to the facilitator, a cancellation to the booked) is
        // delivered before the next line of the conversation, as a person would see it.
        await host.DeliverOutboxAsync();
        return said;
    }
}

/// <summary>What the bot answered to one turn, with chat-like assertions.</summary>
public sealed class BotSaid(IReadOnlyList<Reply> replies)
{
    public IReadOnlyList<Reply> Replies { get; } = replies;

    /// <summary>Everything the member would read, as plain text.</summary>
    public string Text => string.Join("\n\n", Replies.Select(r => PlainTextRenderer.Render(r).Text));

    public IReadOnlyList<Choice> Choices => Replies.SelectMany(r => (r.Card?.Choices ?? []).Concat(r.SuggestedActions)).ToList();

    public BotSaid Answers(params string[] fragments)
    {
        foreach (var f in fragments)
            Assert.True(Text.Contains(f, StringComparison.OrdinalIgnoreCase), $"Le bot devait dire « {f} », il a dit :\n{Text}");
        return this;
    }

    public BotSaid DoesNotSay(params string[] fragments)
    {
        foreach (var f in fragments)
            Assert.False(Text.Contains(f, StringComparison.OrdinalIgnoreCase), $"Le bot ne devait pas dire « {f} », il a dit :\n{Text}");
        return this;
    }

    public BotSaid Offers(params string[] labels)
    {
        foreach (var l in labels)
            Assert.True(Choices.Any(c => c.Label.Contains(l, StringComparison.OrdinalIgnoreCase)),
                $"Le bot devait proposer « {l} », il a proposé : {string.Join(" | ", Choices.Select(c => c.Label))}");
        return this;
    }

    internal (Choice Choice, Card? Card) FindChoice(string label)
    {
        foreach (var r in Replies)
        {
            var c = (r.Card?.Choices ?? []).Concat(r.SuggestedActions).FirstOrDefault(c => c.Label.Contains(label, StringComparison.OrdinalIgnoreCase));
            if (c is not null) return (c, r.Card);
        }
        throw new InvalidOperationException($"Pas de bouton « {label} » dans :\n{Text}");
    }
}
