namespace Communaute.Bot.Delivery;

/// <summary>The "Delivery" configuration section: the inbox, the outbox and the scheduler.</summary>
public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    /// <summary>Run turns from the inbox in this instance (off only in tests that check the inbox survives a restart).</summary>
    public bool ProcessInbox { get; set; } = true;

    /// <summary>Send the outbox from this instance.</summary>
    public bool ProcessOutbox { get; set; } = true;

    /// <summary>Attempts at a received item before it is parked as failed.</summary>
    public int InboxMaxAttempts { get; set; } = 3;

    /// <summary>Attempts at an outgoing message before it is parked as failed (shown by « messages en échec »).</summary>
    public int OutboxMaxAttempts { get; set; } = 10;

    /// <summary>First retry delay; doubles at each attempt, with jitter, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long an instance holds a conversation (renewed while it works on it); another takes over after.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the tables are read for work other instances stored or retries that came due.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Conversations whose turns run at the same time in one instance. Turns use the processor and the database, which
    /// SQLite gives one writer at a time: a few at once keep the acknowledgements fast.
    /// </summary>
    public int InboxParallelism { get; set; } = 4;

    /// <summary>Conversations sent to at the same time by one instance (mostly waiting for the platforms and their pace).</summary>
    public int OutboxParallelism { get; set; } = 16;

    /// <summary>How long a Teams card action (invoke) waits for its turn before answering Teams anyway.</summary>
    public TimeSpan InvokeTimeout { get; set; } = TimeSpan.FromSeconds(4);

    /// <summary>Handled inbox items are deleted after this many days.</summary>
    public int InboxRetentionDays { get; set; } = 7;

    /// <summary>Sent messages are kept this many days (their platform id serves later updates), failed ones too.</summary>
    public int OutboxRetentionDays { get; set; } = 90;

    public SchedulerSettings Scheduler { get; set; } = new();

    public sealed class SchedulerSettings
    {
        /// <summary>Quartz fires due work (reminders, digests). Off: only <see cref="DueWorkRunner"/> runs it (tests).</summary>
        public bool Enabled { get; set; } = true;

        /// <summary>Every due work is also run at this interval, whatever its next due instant says.</summary>
        public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);
    }
}
