using Communaute.Bot.Security;
using Communaute.Bot.Storage;
using Communaute.Dialogs.Conversation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Communaute.Bot.Pipeline;

/// <summary>
/// Finds or records the member and the conversation of a turn. The member's roles are written from configuration on
/// every turn (<see cref="RoleConfiguration"/>): a role removed there is gone at the member's next turn (and for every
/// stored member at the next start-up).
/// </summary>
public sealed class MemberDirectory(BotDbContext db, IOptions<CommunityOptions> options, RoleConfiguration roles, CommunityMembership communities)
{
    public async Task<(Member Member, Conversation Conversation)> EnsureAsync(IncomingTurn turn, Instant now, CancellationToken ct)
    {
        var member = await UpsertMemberAsync(turn, now, ct);
        var conversation = await UpsertConversationAsync(turn, member, now, ct);
        await communities.RecordAsync(member.Id, turn, now, ct);
        return (member, conversation);
    }

    public static MemberInfo ToInfo(Member m) => new(
        m.Id,
        string.IsNullOrWhiteSpace(m.DisplayName) ? "membre" : m.DisplayName,
        DateTimeZoneProviders.Tzdb.GetZoneOrNull(m.TimeZoneId) ?? DateTimeZoneProviders.Tzdb["Europe/Paris"],
        m.Roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet());

    private Task<Member> UpsertMemberAsync(IncomingTurn turn, Instant now, CancellationToken ct) => UpsertAsync(
        () => db.Members.FirstOrDefaultAsync(m => m.Channel == turn.Channel && m.ChannelUserId == turn.UserId, ct),
        () => new Member { Channel = turn.Channel, ChannelUserId = turn.UserId, CreatedAt = now, TimeZoneId = options.Value.DefaultTimeZone },
        member =>
        {
            if (CleanName(turn.UserName) is { Length: > 0 } name) member.DisplayName = name;
            if (!member.TimeZoneChosen && turn.TimeZone is { } zone && DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone) is not null)
                member.TimeZoneId = zone;
            member.Roles = roles.Current.StoredRolesOf(turn.Channel, turn.UserId);
            // Presence is kept to the minute: most turns then write nothing here.
            if (now - member.LastSeenAt > Duration.FromMinutes(1)) member.LastSeenAt = now;
        },
        ct);

    private Task<Conversation> UpsertConversationAsync(IncomingTurn turn, Member member, Instant now, CancellationToken ct) => UpsertAsync(
        () => db.Conversations.FirstOrDefaultAsync(c => c.Channel == turn.Channel && c.ChannelConversationId == turn.ConversationId, ct),
        () => new Conversation { Channel = turn.Channel, ChannelConversationId = turn.ConversationId, CreatedAt = now },
        conversation =>
        {
            conversation.IsGroup = turn.IsGroup;
            if (!turn.IsGroup) conversation.DirectMemberId = member.Id;
            if (turn.ConversationReference is not null) conversation.ReferenceJson = turn.ConversationReference;
            if (now - conversation.LastActivityAt > Duration.FromMinutes(1)) conversation.LastActivityAt = now;
        },
        ct);

    /// <summary>
    /// Finds or creates a row and applies the turn to it, writing only when something changed. When another turn
    /// inserted the same row first (unique index), reads it again and applies the turn to that one.
    /// </summary>
    private async Task<T> UpsertAsync<T>(Func<Task<T?>> find, Func<T> create, Action<T> apply, CancellationToken ct) where T : class
    {
        for (var attempt = 0; ; attempt++)
        {
            var row = await find();
            if (row is null)
            {
                row = create();
                db.Add(row);
            }
            apply(row);
            if (db.Entry(row).State == EntityState.Unchanged) return row;
            try
            {
                await db.SaveChangesAsync(ct);
                return row;
            }
            catch (DbUpdateException) when (attempt < 2)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>A display name as the channel gave it, made safe to store: one line, valid UTF-16, 256 characters at most.</summary>
    private static string CleanName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return "";
        var valid = InputText.Sanitize(name.Length > 256 ? name[..256] : name);
        var chars = valid.Select(c => char.IsControl(c) ? ' ' : c).ToArray();
        var clean = new string(chars).Trim();
        return clean.Length > 0 && char.IsHighSurrogate(clean[^1]) ? clean[..^1] : clean;
    }
}
