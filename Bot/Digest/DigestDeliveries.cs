using Communaute.Bot.Delivery;
using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace Communaute.Bot.Digest;

public enum TargetDeliveryState { NotYet, Waiting, Retrying, Delivered, Failed }

/// <summary>Where one target's digest stands at the outbox.</summary>
public sealed record TargetDelivery(TargetDeliveryState State, string? Reason = null)
{
    /// <summary>"remis", "en attente d'un nouvel essai (…)", "en échec : …", as a facilitator reads it.</summary>
    public string Describe() => State switch
    {
        TargetDeliveryState.NotYet => "pas encore publié",
        TargetDeliveryState.Waiting => "en cours d'envoi",
        TargetDeliveryState.Retrying => $"en attente d'un nouvel essai automatique ({Reason})",
        TargetDeliveryState.Delivered => "remis",
        _ => $"en échec : {Reason}",
    };
}

/// <summary>
/// Reads what the outbox made of a digest's postings, by their idempotency keys (<c>digest:{period}:{target}</c>, and
/// <c>…#2</c>, <c>…#3</c> for a digest split in several messages): the outbox is the one place delivery is recorded.
/// </summary>
public sealed class DigestDeliveries(BotDbContext db)
{
    /// <summary>The posting key a message key belongs to: "digest:2027-01:5#2" → "digest:2027-01:5".</summary>
    public static string PostingKeyOf(string messageKey)
    {
        var hash = messageKey.LastIndexOf('#');
        return hash > 0 && hash < messageKey.Length - 1 && messageKey[(hash + 1)..].All(char.IsAsciiDigit) ? messageKey[..hash] : messageKey;
    }

    /// <summary>The delivery of a digest to each of its targets (by target id).</summary>
    public async Task<Dictionary<long, TargetDelivery>> ForDigestAsync(DigestRecord digest, CancellationToken ct)
    {
        var postings = await db.Set<DigestPosting>().AsNoTracking().Where(p => p.DigestId == digest.Id).ToListAsync(ct);
        if (postings.Count == 0) return [];
        var prefix = $"digest:{digest.Period}:";
        var rows = (await db.Set<OutboxMessage>().AsNoTracking()
                .Where(o => o.Operation == OutboxOperation.Send && o.IdempotencyKey.StartsWith(prefix))
                .Select(o => new { o.IdempotencyKey, o.Status, o.Attempts, o.LastError })
                .ToListAsync(ct))
            .ToLookup(o => PostingKeyOf(o.IdempotencyKey));
        return postings.ToDictionary(p => p.TargetId, p =>
        {
            var mine = rows[p.IdempotencyKey].ToList();
            if (mine.FirstOrDefault(o => o.Status == OutboxStatus.Failed) is { } failed) return new TargetDelivery(TargetDeliveryState.Failed, failed.LastError ?? "raison inconnue");
            if (mine.FirstOrDefault(o => o.Status == OutboxStatus.Pending) is { } waiting)
                return waiting.Attempts > 0 ? new TargetDelivery(TargetDeliveryState.Retrying, waiting.LastError ?? "erreur passagère") : new TargetDelivery(TargetDeliveryState.Waiting);
            if (mine.Count > 0) return new TargetDelivery(TargetDeliveryState.Delivered);
            return p.Status == DigestPostingStatus.Pending ? new TargetDelivery(TargetDeliveryState.NotYet) : new TargetDelivery(TargetDeliveryState.Failed, p.LastError ?? "message introuvable");
        });
    }

    /// <summary>"12 remis, 1 en attente d'un nouvel essai, 1 en échec".</summary>
    public static string Summary(IEnumerable<TargetDelivery> deliveries)
    {
        var all = deliveries.ToList();
        var parts = new List<string>();
        void Add(int n, string what) { if (n > 0) parts.Add($"{n} {what}"); }
        Add(all.Count(d => d.State == TargetDeliveryState.Delivered), "remis");
        Add(all.Count(d => d.State == TargetDeliveryState.Waiting), "en cours d'envoi");
        Add(all.Count(d => d.State == TargetDeliveryState.Retrying), "en attente d'un nouvel essai");
        Add(all.Count(d => d.State == TargetDeliveryState.Failed), "en échec (« messages en échec »)");
        Add(all.Count(d => d.State == TargetDeliveryState.NotYet), "pas encore publiés");
        return parts.Count == 0 ? "aucun canal" : string.Join(", ", parts);
    }
}
