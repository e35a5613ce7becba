namespace Communaute.Bot.Delivery;

/// <summary>
/// Wakes the inbox worker or the outbox sender of this instance as soon as there is work; they also poll the
/// database (work stored by other instances, retries coming due).
/// </summary>
public sealed class DeliverySignal
{
    private readonly Wake _inbox = new();
    private readonly Wake _outbox = new();

    public void InboxChanged() => _inbox.Notify();
    public void OutboxChanged() => _outbox.Notify();
    internal Task WaitInboxAsync(TimeSpan timeout, CancellationToken ct) => _inbox.WaitAsync(timeout, ct);
    internal Task WaitOutboxAsync(TimeSpan timeout, CancellationToken ct) => _outbox.WaitAsync(timeout, ct);

    private sealed class Wake
    {
        private readonly System.Threading.Channels.Channel<bool> _channel =
            System.Threading.Channels.Channel.CreateBounded<bool>(new System.Threading.Channels.BoundedChannelOptions(1)
            { FullMode = System.Threading.Channels.BoundedChannelFullMode.DropWrite });

        public void Notify() => _channel.Writer.TryWrite(true);

        public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            cts.CancelAfter(timeout);
            try { await _channel.Reader.ReadAsync(cts.Token); }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested) { }
        }
    }
}
