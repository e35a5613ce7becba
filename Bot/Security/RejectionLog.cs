using System.Collections.Concurrent;
using System.Net;
using NodaTime;

namespace Communaute.Bot.Security;

/// <summary>
/// Rejected requests (bad signature, forged token, rate limit) logged as a sampled summary: the first of a kind
/// (source and reason) is logged at once, the following ones of the same minute are counted and logged as one line
/// with the count. A flood costs a counter increment per request and a few lines per minute, never a stack trace.
/// </summary>
public sealed class RejectionLog(TimeProvider clock, ILogger<RejectionLog> logger)
{
    public static readonly Duration Window = Duration.FromMinutes(1);

    /// <summary>Kinds tracked at once; beyond, rejections are counted under one "other reasons" line.</summary>
    public const int MaxKinds = 64;
    private const int MaxReasonLength = 160;
    private const string OtherReasons = "autres motifs";

    private readonly ConcurrentDictionary<(string Source, string Reason), Tally> _tallies = new();

    /// <summary>Records a rejection. <paramref name="source"/> names the endpoint ("Teams", "Slack"), <paramref name="reason"/> why.</summary>
    public void Record(string source, string reason, IPAddress? remote)
    {
        var now = clock.GetCurrentInstant();
        var key = (source, reason.Length > MaxReasonLength ? reason[..MaxReasonLength] + "…" : reason);
        if (!_tallies.ContainsKey(key) && _tallies.Count >= MaxKinds) key = (source, OtherReasons);
        var tally = _tallies.GetOrAdd(key, _ => new Tally(now));
        bool first;
        lock (tally)
        {
            if (now - tally.Since >= Window) Flush(key, tally, now);
            first = tally.Total++ == 0;
            if (!first) tally.Pending++;
            tally.LastRemote = remote;
        }
        if (first)
            logger.LogWarning("{Source} : requête refusée : {Reason} (depuis {Remote} ; les suivantes du même motif sont comptées, une ligne par minute)",
                source, key.Item2, remote?.ToString() ?? "?");
    }

    /// <summary>Logs the counts of the windows that ended (called every minute, and at shutdown with force).</summary>
    public void FlushDue(bool force = false)
    {
        var now = clock.GetCurrentInstant();
        foreach (var (key, tally) in _tallies)
        {
            lock (tally)
            {
                if (force || now - tally.Since >= Window) Flush(key, tally, now);
                // A kind quiet for a whole window is forgotten, so the dictionary stays small.
                if (tally.Pending == 0 && now - tally.Since >= Window) _tallies.TryRemove(key, out _);
            }
        }
    }

    private void Flush((string Source, string Reason) key, Tally tally, Instant now)
    {
        if (tally.Pending > 0)
            logger.LogWarning("{Source} : {Count} autre(s) requête(s) refusée(s) en {Seconds:F0} s : {Reason} (dernière depuis {Remote})",
                key.Source, tally.Pending, (now - tally.Since).TotalSeconds, key.Reason, tally.LastRemote?.ToString() ?? "?");
        tally.Pending = 0;
        tally.Since = now;
    }

    private sealed class Tally(Instant since)
    {
        public Instant Since = since;
        public long Total;
        public long Pending;
        public IPAddress? LastRemote;
    }
}

/// <summary>Writes the rejection counts every minute (and what is left at shutdown).</summary>
internal sealed class RejectionLogFlusher(RejectionLog log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(15));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) log.FlushDue();
        }
        catch (OperationCanceledException) { }
        log.FlushDue(force: true);
    }
}
