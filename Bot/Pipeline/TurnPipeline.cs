using System.Diagnostics;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Replies;
using Communaute.Bot.Storage;
using NodaTime;

namespace Communaute.Bot.Pipeline;

/// <summary>
/// The inbox worker hands every turn here: clean the input, know the member and the conversation,
/// route to the first feature that takes the turn, and return the replies to render.
/// </summary>
public sealed class TurnPipeline(TimeProvider clock, ILogger<TurnPipeline> logger)
{
    /// <summary>
    /// Runs a turn in the caller's scope and transaction. Only the inbox worker calls this (every surface writes its
    /// turns to the inbox): it serialises a conversation's turns across instances (leases), and writes the replies to
    /// the outbox itself, in the turn's transaction.
    /// </summary>
    public async Task<TurnOutcome> RunAsync(IncomingTurn turn, IServiceProvider services, CancellationToken cancellationToken)
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
        var features = services.GetServices<ITurnFeature>().OrderBy(f => f.Order).ToList();
        var intent = await IntentDispatch.TryRunAsync(features, context, cancellationToken);
        if (intent is (var byIntent, true)) handledBy = byIntent.GetType().Name;
        // An intent handed on (a command the member confirmed in a dialog) goes to the features after its own.
        else foreach (var feature in features.Where(f => intent is null || f.Order > intent.Value.Feature.Order))
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
        // Each turn is in the metrics and traces; the log keeps it for debugging (a console line per turn is a lock per turn).
        logger.LogDebug("Tour {Channel} {Conversation} traité par {Feature} en {Ms:F1} ms ({Replies} réponse(s))",
            turn.Channel, conversation.Id, handledBy, elapsedMs, context.Replies.Count);
        return new TurnOutcome(context, conversation, handledBy);
    }
}

/// <summary>
/// A turn run by the pipeline: its context (replies), the stored conversation it happened in, as it was then, and the
/// feature that took it ("none" when none did).
/// </summary>
public sealed record TurnOutcome(TurnContext Context, Conversation Conversation, string Feature);
