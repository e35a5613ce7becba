using System.Diagnostics;
using System.Globalization;
using Communaute.Bot.Delivery;

namespace Communaute.Bot.Operations;

/// <summary>
/// The bot's spans, one trace per message: the channel's HTTP request, the turn the inbox worker runs, each outbox
/// send. The hops are asynchronous (stored rows), so each row carries the W3C trace context it was written in
/// (<c>TraceParent</c>) and the next span starts from it. Without a listener nothing is created.
/// </summary>
public static class BotTracing
{
    public const string SourceName = "Communaute.Bot";
    public const string InboxIdTag = "communaute.inbox.id";

    public static readonly ActivitySource Source = new(SourceName);

    /// <summary>The W3C traceparent of the current span, to store with a row written now; null when there is none.</summary>
    public static string? CurrentTraceParent() =>
        Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;

    /// <summary>The worker's span for an inbox item, child of the request that stored it.</summary>
    public static Activity? StartTurn(InboxItem item)
    {
        if (!Source.HasListeners()) return null;
        var span = Source.StartActivity("turn", ActivityKind.Internal, Parent(item.TraceParent));
        span?.SetTag(InboxIdTag, item.Id).SetTag("communaute.channel", item.Channel);
        return span;
    }

    /// <summary>The sender's span for an outbox row, child of the span that wrote it (a turn's, for its replies).</summary>
    public static Activity? StartSend(OutboxMessage row)
    {
        if (!Source.HasListeners()) return null;
        var span = Source.StartActivity("outbox.send", ActivityKind.Producer, Parent(row.TraceParent));
        if (span is null) return null;
        span.SetTag("communaute.outbox.key", row.IdempotencyKey).SetTag("communaute.channel", row.Channel);
        if (InboxIdOf(row.IdempotencyKey) is { } inboxId) span.SetTag(InboxIdTag, inboxId);
        return span;
    }

    /// <summary>The inbox item a turn's reply answers, from its key (<c>turn:{id}</c> or <c>turn:{id}#n</c>).</summary>
    public static long? InboxIdOf(string idempotencyKey)
    {
        const string prefix = "turn:";
        if (!idempotencyKey.StartsWith(prefix, StringComparison.Ordinal)) return null;
        var rest = idempotencyKey.AsSpan(prefix.Length);
        var hash = rest.IndexOf('#');
        if (hash >= 0) rest = rest[..hash];
        return long.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    // No stored context (a row written before the column, or outside any span): the span starts its own trace.
    private static ActivityContext Parent(string? traceParent) =>
        ActivityContext.TryParse(traceParent, null, isRemote: true, out var parent) ? parent : default;
}
