using System.Text.Json.Nodes;
using Communaute.Bot.Privacy;
using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace Communaute.Bot.WebChat;

/// <summary>The member's chat page sessions and conversation (what they said and what the bot answered).</summary>
public sealed class WebChatPersonalData(BotDbContext db) : IPersonalDataSource
{
    public string Name => "pageDeDiscussion";

    /// <summary>Before the conversations, whose ids it reads.</summary>
    public int DeleteOrder => 700;

    public async Task<IReadOnlyList<object>> ExportAsync(long memberId, CancellationToken ct)
    {
        var conversations = await ConversationIdsAsync(memberId, ct);
        var messages = await db.Set<WebChatMessage>().AsNoTracking()
            .Where(m => conversations.Contains(m.ConversationId)).OrderBy(m => m.Id)
            .ToListAsync(ct);
        return messages.Select(m => (object)new
        {
            m.Id,
            De = m.From == WebChatSender.Member ? "vous" : "bot",
            Texte = m.From == WebChatSender.Member ? (JsonNode.Parse(m.PayloadJson)?["text"]?.GetValue<string>() ?? "") : m.PayloadJson,
            Le = m.CreatedAt.ToString(),
        }).ToList();
    }

    public async Task<int> DeleteAsync(long memberId, CancellationToken ct)
    {
        var users = await WebChatUserIds(memberId).ToListAsync(ct);
        var conversations = await ConversationIdsAsync(memberId, ct);
        var messages = await db.Set<WebChatMessage>().Where(m => conversations.Contains(m.ConversationId)).ExecuteDeleteAsync(ct);
        return messages + await db.Set<WebChatSession>().Where(s => users.Contains(s.UserId)).ExecuteDeleteAsync(ct);
    }

    private IQueryable<string> WebChatUserIds(long memberId) =>
        db.Members.Where(m => m.Id == memberId && m.Channel == WebChatEndpoints.Channel).Select(m => m.ChannelUserId);

    private async Task<List<string>> ConversationIdsAsync(long memberId, CancellationToken ct)
    {
        var users = WebChatUserIds(memberId);
        var fromSessions = await db.Set<WebChatSession>().Where(s => users.Contains(s.UserId)).Select(s => s.ConversationId).ToListAsync(ct);
        var direct = await db.Conversations.Where(c => c.DirectMemberId == memberId && c.Channel == WebChatEndpoints.Channel)
            .Select(c => c.ChannelConversationId).ToListAsync(ct);
        return fromSessions.Union(direct).ToList();
    }
}
