using System.Diagnostics;
using Communaute.Bot.Delivery;
using Communaute.Bot.Digest;
using Communaute.Bot.Sessions.Storage;
using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Communaute.Bot.Operations;

/// <summary>
/// What the observable gauges report, read from the database in a few indexed queries at most every few seconds
/// (a scrape reads every gauge at once: one read serves them all).
/// </summary>
public sealed class MetricsSnapshot(IServiceScopeFactory scopes, TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);
    private static readonly string[] Channels = ["msteams", "slack", "webchat"];
    private readonly Lock _gate = new();
    private Values? _values;
    private long _readAt; // Stopwatch timestamp: the read rate is a matter of real time, not of the bot's clock

    public sealed record Values(
        long InboxDepth, double InboxOldestAgeSeconds,
        IReadOnlyDictionary<string, long> OutboxDue, IReadOnlyDictionary<string, double> OutboxLagSeconds,
        IReadOnlyDictionary<string, long> Failures, IReadOnlyDictionary<string, long> Bookings,
        IReadOnlyDictionary<string, long> RemindersSent, IReadOnlyDictionary<string, long> DigestPostings);

    public Values Current
    {
        get
        {
            lock (_gate)
            {
                if (_values is null || Stopwatch.GetElapsedTime(_readAt) > MaxAge)
                {
                    _values = Read();
                    _readAt = Stopwatch.GetTimestamp();
                }
                return _values;
            }
        }
    }

    private Values Read()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        var now = clock.GetCurrentInstant();
        var inbox = db.Set<InboxItem>().AsNoTracking().Where(i => i.State == InboxState.Pending);
        var depth = inbox.LongCount();
        var oldest = inbox.OrderBy(i => i.ReceivedAt).Select(i => (Instant?)i.ReceivedAt).FirstOrDefault();

        var due = db.Set<OutboxMessage>().AsNoTracking().Where(o => o.Status == OutboxStatus.Pending && o.NextAttemptAt <= now)
            .GroupBy(o => o.Channel).Select(g => new { g.Key, Count = g.LongCount(), Oldest = g.Min(o => o.CreatedAt) }).ToList();
        var failedOutbox = db.Set<OutboxMessage>().AsNoTracking().Where(o => o.Status == OutboxStatus.Failed)
            .GroupBy(o => o.FailureKind).Select(g => new { g.Key, Count = g.LongCount() }).ToList();
        var failedInbox = db.Set<InboxItem>().AsNoTracking().LongCount(i => i.State == InboxState.Failed);
        // Every kind, channel and status is reported, at 0 when there is none: a series that appears only on failure is
        // one a dashboard cannot show before the first one.
        var failures = Enum.GetValues<OutboxFailureKind>().Where(k => k != OutboxFailureKind.None)
            .ToDictionary(k => "outbox_" + k, k => failedOutbox.Where(f => f.Key == k).Sum(f => f.Count));
        failures["inbox_parked"] = failedInbox;
        var channels = Channels.Union(due.Select(d => d.Key)).ToList();

        var bookings = db.Set<Booking>().AsNoTracking().GroupBy(b => b.Status).Select(g => new { g.Key, Count = g.LongCount() }).ToList();
        var reminders = db.Set<SessionAgendaItem>().AsNoTracking().Where(a => a.Kind == AgendaKind.Reminder && a.DoneAt != null)
            .GroupBy(a => a.Label).Select(g => new { g.Key, Count = g.LongCount() }).ToList();
        var postings = db.Set<DigestPosting>().AsNoTracking().GroupBy(p => p.Status).Select(g => new { g.Key, Count = g.LongCount() }).ToList();

        return new Values(
            depth, oldest is { } o ? Math.Max(0, (now - o).TotalSeconds) : 0,
            channels.ToDictionary(c => c, c => due.Where(d => d.Key == c).Sum(d => d.Count)),
            channels.ToDictionary(c => c, c => due.Where(d => d.Key == c).Select(d => Math.Max(0, (now - d.Oldest).TotalSeconds)).DefaultIfEmpty(0).Max()),
            failures,
            Enum.GetValues<BookingStatus>().ToDictionary(k => k.ToString().ToLowerInvariant(), k => bookings.Where(b => b.Key == k).Sum(b => b.Count)),
            reminders.ToDictionary(r => r.Key ?? "?", r => r.Count).Append(KeyValuePair.Create("total", reminders.Sum(r => r.Count))).ToDictionary(),
            Enum.GetValues<DigestPostingStatus>().ToDictionary(k => k.ToString().ToLowerInvariant(), k => postings.Where(p => p.Key == k).Sum(p => p.Count)));
    }
}
