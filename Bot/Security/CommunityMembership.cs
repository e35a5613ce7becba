using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Communaute.Bot.Channels.Teams;
using Communaute.Bot.Storage;
using Communaute.Dialogs.Conversation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NodaTime;

namespace Communaute.Bot.Security;

/// <summary>A member was seen in a channel that belongs to a community (deployments serving several communities).</summary>
public sealed class MemberCommunity
{
    public long Id { get; set; }
    public long MemberId { get; set; }
    public required string Community { get; set; }
    public Instant FirstSeenAt { get; set; }
}

internal sealed class MemberCommunityConfiguration : IEntityTypeConfiguration<MemberCommunity>
{
    public void Configure(EntityTypeBuilder<MemberCommunity> e)
    {
        e.ToTable("MemberCommunities");
        e.Property(c => c.Community).HasMaxLength(64);
        e.HasIndex(c => new { c.MemberId, c.Community }).IsUnique();
        e.HasIndex(c => c.Community);
        e.HasOne<Member>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// Where a turn happens, as the names a community's <c>Channels</c> list uses: the channel ("webchat", "msteams",
/// "slack"), "msteams:tenant:{id}", "slack:workspace:{id}", and "{channel}:conversation:{id}" (a Teams team channel,
/// group chat or 1:1; a Slack channel or DM; a web chat session).
/// </summary>
public static class TurnLocation
{
    public static IReadOnlyList<string> Of(IncomingTurn turn)
    {
        var channel = turn.Channel.ToLowerInvariant();
        var conversation = turn.ConversationId;
        // Teams gives a channel thread as "19:…@thread.tacv2;messageid=…": the channel is what a community owns.
        var cut = conversation.IndexOf(";messageid=", StringComparison.OrdinalIgnoreCase);
        if (cut > 0) conversation = conversation[..cut];
        var places = new List<string> { channel, $"{channel}:conversation:{conversation.ToLowerInvariant()}" };
        if (channel == TeamsChannel.ChannelId && TeamsConversationReference.Parse(turn.ConversationReference)?.TenantId is { Length: > 0 } tenant)
            places.Add($"msteams:tenant:{tenant.ToLowerInvariant()}");
        if (channel == "slack" && SlackWorkspace(turn.ConversationReference) is { Length: > 0 } team)
            places.Add($"slack:workspace:{team.ToLowerInvariant()}");
        return places;
    }

    private static string? SlackWorkspace(string? reference)
    {
        if (string.IsNullOrEmpty(reference)) return null;
        try { return JsonNode.Parse(reference) is JsonObject o && o["team"] is JsonValue v && v.TryGetValue<string>(out var team) ? team : null; }
        catch (System.Text.Json.JsonException) { return null; }
    }
}

/// <summary>Records which configured communities a member was seen in (nothing when the deployment has one community).</summary>
public sealed class CommunityMembership(RoleConfiguration roles, BotDbContext db, MembershipCache cache)
{
    public async Task RecordAsync(long memberId, IncomingTurn turn, Instant now, CancellationToken ct)
    {
        var communities = roles.Current.Communities;
        if (communities.Count == 0) return;
        var places = TurnLocation.Of(turn);
        foreach (var community in communities.Where(c => c.Channels.Any(places.Contains)))
        {
            if (!cache.Add(memberId, community.Key)) continue;
            if (await db.Set<MemberCommunity>().AnyAsync(m => m.MemberId == memberId && m.Community == community.Key, ct)) continue;
            db.Add(new MemberCommunity { MemberId = memberId, Community = community.Key, FirstSeenAt = now });
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException) { db.ChangeTracker.Clear(); } // recorded meanwhile by another turn
        }
    }
}

/// <summary>Memberships known to be stored, so most turns ask the database nothing (bounded; forgotten at erasure).</summary>
public sealed class MembershipCache
{
    private const int Capacity = 100_000;
    private readonly ConcurrentDictionary<(long, string), byte> _known = new();

    /// <summary>True when the pair was not known yet (the caller then makes sure it is stored).</summary>
    public bool Add(long memberId, string community)
    {
        if (_known.Count >= Capacity) _known.Clear();
        return _known.TryAdd((memberId, community), 0);
    }

    public void Forget(long memberId)
    {
        foreach (var key in _known.Keys.Where(k => k.Item1 == memberId)) _known.TryRemove(key, out _);
    }
}
