using NodaTime;

namespace Communaute.Bot.Delivery;

/// <summary>
/// Work that comes due at instants (session reminders, waitlist offers that expire, digest drafts and postings).
/// The delivery layer runs it from Quartz at <see cref="NextDueAsync"/> and on a periodic sweep; tests run it with a
/// fake clock (<see cref="DueWorkRunner.RunAllAsync"/>). Time comes from the instant given, never from the system.
/// <para>
/// Runs must be idempotent: Quartz is at-least-once, two instances may run the same work, a run may be cut by a
/// restart. Write state changes and outbox messages (with idempotency keys) in one transaction.
/// </para>
/// </summary>
public interface IDueWork
{
    /// <summary>A stable name ("sessions-reminders", "digest"), used as the Quartz job key.</summary>
    string Name { get; }

    /// <summary>Does everything due at or before <paramref name="now"/>.</summary>
    Task RunAsync(Instant now, CancellationToken ct);

    /// <summary>The next instant after <paramref name="now"/> when there will be something to do, if known.</summary>
    Task<Instant?> NextDueAsync(Instant now, CancellationToken ct);
}

/// <summary>Asks the scheduler to wake a due work earlier than planned (e.g. a booking added a reminder in an hour).</summary>
public interface IDueWorkScheduler
{
    Task WakeAtAsync(string workName, Instant at, CancellationToken ct);
}
