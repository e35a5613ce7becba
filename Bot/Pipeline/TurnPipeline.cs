using System.Diagnostics;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Replies;
using NodaTime;

namespace Communaute.Bot.Pipeline;

/// <summary>
/// Every channel hands its turns here: clean the input, know the member and the conversation,
/// route to the first feature that takes the turn, and return the replies to render.
/// </summary>
public sealed class TurnPipeline(IServiceScopeFactory scopes, IClock clock, ConversationLocks locks, ILogger<TurnPipeline> logger)
{
    /// <summary>
    /// A turn that is answered in the same call (the web chat page, the terminal, tests): its own scope, and turns of one
    /// member in one conversation one after the other in this process.
    /// </summary>
    public async Task<IReadOnlyList<Reply>> HandleAsync(IncomingTurn turn, CancellationToken cancellationToken = default)
    {
        using var _ = await locks.AcquireAsync($"{turn.Channel}|{turn.ConversationId}|{turn.UserId}", cancellationToken);
        await using var scope = scopes.CreateAsyncScope();
        return (await RunAsync(turn, scope.ServiceProvider, cancellationToken)).Replies;
    }

    /// <summary>
    /// Runs a turn in the caller's scope. The inbox worker calls this: it already serialises a conversation's turns
    /// across instances (leases), and writes the replies to the outbox itself.
    /// </summary>
    public async Task<TurnContext> RunAsync(IncomingTurn turn, IServiceProvider services, CancellationToken cancellationToken)
    {
        var clockStart = Stopwatch.GetTimestamp();
        var (text, truncated) = InputText.Clean(turn.Text);
        if (!turn.IsClick) text = CommandPrefixes.Normalise(text);
        var now = clock.GetCurrentInstant();
        var (member, conversation) = await services.GetRequiredService<MemberDirectory>().EnsureAsync(turn, now, cancellationToken);
        var context = new TurnContext(turn, MemberDirectory.ToInfo(member), conversation.Id, now)
        {
            Text = text,
            TextWasTruncated = truncated,
        };

        if (truncated)
            context.Say($"Votre message était très long : je n'en ai gardé que les {InputText.MaxLength} premiers caractères.");

        string handledBy = "none";
        foreach (var feature in services.GetServices<ITurnFeature>().OrderBy(f => f.Order))
        {
            if (await feature.TryHandleAsync(context, cancellationToken))
            {
                handledBy = feature.GetType().Name;
                break;
            }
        }
        if (handledBy == "none")
            context.Say("Je n'ai pas su traiter ce message. Tapez « aide » pour voir ce que je sais faire.");

        var elapsedMs = Stopwatch.GetElapsedTime(clockStart).TotalMilliseconds;
        services.GetService<Operations.BotMetrics>()?.RecordTurn(turn.Channel, handledBy, elapsedMs);
        logger.LogInformation("Tour {Channel} {Conversation} traité par {Feature} en {Ms:F1} ms ({Replies} réponse(s))",
            turn.Channel, conversation.Id, handledBy, elapsedMs, context.Replies.Count);
        return context;
    }
}
