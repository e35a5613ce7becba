using System.Text.Json.Nodes;
using Communaute.Bot.Storage;
using Communaute.Dialogs.Replies;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Communaute.Bot.Channels.Slack;

/// <summary>Proactive messages to Slack (reminders, digests): to a stored channel or DM, or a DM opened with conversations.open.</summary>
public sealed class SlackConnector(SlackApiClient api, SlackFormStore forms, BotDbContext db, IClock clock) : IChannelConnector
{
    public string Channel => SlackTurnProcessor.Channel;

    public async Task SendAsync(Conversation conversation, IReadOnlyList<Reply> replies, CancellationToken cancellationToken)
    {
        var channel = ChannelOf(conversation);
        foreach (var reply in replies)
            foreach (var message in await forms.RenderAsync(reply, cancellationToken))
                await api.PostMessageAsync(channel, message, null, cancellationToken);
    }

    public async Task<Conversation?> OpenDirectAsync(Member member, CancellationToken cancellationToken)
    {
        if (member.Channel != Channel) return null;
        var channel = await api.OpenDirectChannelAsync(member.ChannelUserId, cancellationToken);
        var now = clock.GetCurrentInstant();
        var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.Channel == Channel && c.ChannelConversationId == channel, cancellationToken);
        if (conversation is null)
        {
            conversation = new Conversation { Channel = Channel, ChannelConversationId = channel, CreatedAt = now, LastActivityAt = now };
            db.Conversations.Add(conversation);
        }
        conversation.IsGroup = false;
        conversation.DirectMemberId = member.Id;
        conversation.ReferenceJson = SlackTurnProcessor.Reference(channel, null);
        await db.SaveChangesAsync(cancellationToken);
        return conversation;
    }

    private static string ChannelOf(Conversation conversation)
    {
        if (conversation.ReferenceJson is { Length: > 0 } json && JsonNode.Parse(json)?["channel"] is JsonValue v && v.TryGetValue<string>(out var channel))
            return channel;
        return conversation.ChannelConversationId;
    }
}
