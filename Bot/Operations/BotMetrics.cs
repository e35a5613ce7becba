using System.Diagnostics.Metrics;

namespace Communaute.Bot.Operations;

/// <summary>
/// The bot's own meter, <c>Communaute.Bot</c>: queues and outcomes read from the database when scraped (inbox depth
/// and age, outbox due and lag per channel, failures by kind, bookings, reminders sent, digest postings), and how long
/// turns take per channel and feature, recorded as they finish.
/// </summary>
public sealed class BotMetrics
{
    public const string MeterName = "Communaute.Bot";

    private readonly Histogram<double> _turnDuration;

    public BotMetrics(IMeterFactory meters, MetricsSnapshot snapshot, Storage.WriteTransactions writes)
    {
        var meter = meters.Create(MeterName);
        _turnDuration = meter.CreateHistogram<double>("communaute.turn.duration", "ms", "Durée d'un tour, par canal et par fonction");
        meter.CreateObservableGauge("communaute.inbox.depth", () => snapshot.Current.InboxDepth, "{message}", "Messages reçus en attente de traitement");
        meter.CreateObservableGauge("communaute.inbox.oldest_age", () => snapshot.Current.InboxOldestAgeSeconds, "s", "Âge du plus ancien message reçu en attente");
        meter.CreateObservableGauge("communaute.outbox.due", () => PerTag(snapshot.Current.OutboxDue, "channel"), "{message}", "Messages à envoyer maintenant, par canal");
        meter.CreateObservableGauge("communaute.outbox.lag", () => PerTag(snapshot.Current.OutboxLagSeconds, "channel"), "s", "Retard du plus ancien message à envoyer, par canal");
        meter.CreateObservableGauge("communaute.failures", () => PerTag(snapshot.Current.Failures, "kind"), "{message}", "Messages en échec (mis de côté), par type");
        meter.CreateObservableGauge("communaute.sessions.bookings", () => PerTag(snapshot.Current.Bookings, "status"), "{booking}", "Réservations de sessions, par état");
        meter.CreateObservableGauge("communaute.sessions.reminders_sent", () => PerTag(snapshot.Current.RemindersSent, "label"), "{reminder}", "Rappels de session envoyés, par échéance");
        meter.CreateObservableCounter("communaute.db.write_transactions", () => writes.Count, "{transaction}", "Transactions d'écriture validées");
        meter.CreateObservableGauge("communaute.digest.postings", () => PerTag(snapshot.Current.DigestPostings, "status"), "{posting}", "Publications du digest, par état");
    }

    /// <summary>Where a turn finished: its channel, the feature that took it, how long it took.</summary>
    public void RecordTurn(string channel, string feature, double milliseconds) =>
        _turnDuration.Record(milliseconds, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("feature", feature));

    private static IEnumerable<Measurement<T>> PerTag<T>(IReadOnlyDictionary<string, T> values, string tag) where T : struct =>
        values.Select(kv => new Measurement<T>(kv.Value, new KeyValuePair<string, object?>(tag, kv.Key)));
}
