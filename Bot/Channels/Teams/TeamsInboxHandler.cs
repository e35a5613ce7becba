using System.Text.Json;
using Communaute.Bot.Delivery;
using Communaute.Bot.Pipeline;
using Communaute.Bot.Storage;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Replies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Communaute.Bot.Channels.Teams;

/// <summary>
/// Reads Teams activities from the inbox: a message or card click becomes a turn answered in reply to it (typing shown
/// while it runs); an install or a member joining a team is welcomed once (the welcome's outbox key makes "once"
/// hold across redeliveries and instances); a click on a card's question updates that card to show the choice.
/// </summary>
public sealed class TeamsInboxHandler(
    BotConnectorClient connector,
    TimeProvider clock,
    IOptions<CommunityOptions> community,
    ILogger<TeamsInboxHandler> logger) : IInboxHandler
{
    /// <summary>How often the typing indicator is repeated while an answer is prepared (Teams shows it about 3 s).</summary>
    public static TimeSpan TypingInterval { get; set; } = TimeSpan.FromSeconds(3);

    public string Channel => TeamsChannel.ChannelId;

    public async Task<InboxWork?> PrepareAsync(InboxItem item, IServiceProvider services, CancellationToken ct)
    {
        var activity = JsonSerializer.Deserialize<Activity>(item.PayloadJson, ActivityJson.Options)
            ?? throw new JsonException("activité illisible dans l'inbox");
        return item.Kind switch
        {
            TeamsActivityHandler.MessageKind => await MessageAsync(item, activity, activity.Value, services, ct),
            TeamsActivityHandler.InvokeKind => await MessageAsync(item, activity, TeamsTurnMapper.ExecuteData(activity), services, ct),
            TeamsActivityHandler.UpdateKind => await InstallOrJoinAsync(activity, services, ct),
            _ => null,
        };
    }

    private async Task<InboxWork> MessageAsync(InboxItem item, Activity activity, JsonElement? submitData, IServiceProvider services, CancellationToken ct)
    {
        var turn = TeamsTurnMapper.ToTurn(activity, submitData);
        var db = services.GetRequiredService<BotDbContext>();
        // First contact: no member yet, or one created after this message arrived (an earlier attempt at this very item,
        // stopped by a crash after the member was stored but before the turn's messages were). The key keeps it once.
        var firstContact = !await db.Members.AnyAsync(m => m.Channel == TeamsChannel.ChannelId && m.ChannelUserId == turn.UserId && m.CreatedAt < item.ReceivedAt, ct);
        var route = new TeamsRoute { ReplyToId = activity.Id, To = activity.From };
        return new InboxWork(turn, RouteJson: route.ToJson(), WhileRunning: typing => KeepTypingAsync(activity, typing),
            BeforeReplies: async (context, outbox, commit, token) =>
            {
                if (context is null) return;
                if (firstContact) await WelcomeMemberAsync(outbox, activity, context, token);
                await MarkCardAnsweredAsync(commit.GetRequiredService<BotDbContext>(), outbox, activity, turn, token);
            });
    }

    /// <summary>
    /// A member whose first message comes before any install event is welcomed too: in the 1:1 where they wrote, or in
    /// their 1:1 (opened by the sender) when they wrote in a channel. Same key as the install welcome: once.
    /// </summary>
    private async Task WelcomeMemberAsync(OutboxWriter outbox, Activity activity, TurnContext context, CancellationToken ct)
    {
        var to = context.Turn.IsGroup
            ? OutboxDestination.Member(Channel, context.Member.Id)
            : OutboxDestination.Conversation(Channel, context.ConversationId);
        var route = context.Turn.IsGroup ? TeamsRoute.OpeningFrom(activity).ToJson() : null;
        if (await outbox.SendAsync(to, [Welcome()], WelcomeKey(context.Turn.UserId), route, ct))
            logger.LogInformation("Teams : premier message de {User}, bienvenue envoyée", context.Turn.UserId);
    }

    /// <summary>A click that answers a card's question: the card is updated to show the choice and no longer offer buttons.</summary>
    private async Task MarkCardAnsweredAsync(BotDbContext db, OutboxWriter outbox, Activity activity, IncomingTurn turn, CancellationToken ct)
    {
        if (turn.PromptId is null || activity.ReplyToId is not { Length: > 0 } cardActivity) return;
        var original = await db.Set<OutboxMessage>().AsNoTracking()
            .Where(o => o.Channel == Channel && o.PlatformMessageId == cardActivity && o.Operation == OutboxOperation.Send && o.Status == OutboxStatus.Sent)
            .OrderByDescending(o => o.Id)
            .FirstOrDefaultAsync(ct);
        if (original is null || ReplyJson.Deserialize(original.PayloadJson) is not { } reply) return;
        if (AnsweredCard.From(reply, turn.PromptId, turn.Text, turn.FormValues.Count > 0) is not { } answered) return;
        await outbox.UpdateAsync(original, answered, "answered:" + original.IdempotencyKey, ct);
    }

    /// <summary>The bot installed (personal, group chat, team) or members added to a team where it is.</summary>
    private async Task<InboxWork?> InstallOrJoinAsync(Activity activity, IServiceProvider services, CancellationToken ct)
    {
        var botId = activity.Recipient?.Id;
        var botAdded = activity.Type == "installationUpdate" || (activity.MembersAdded ?? []).Any(m => m?.Id is { } id && id == botId);
        var joined = (activity.MembersAdded ?? [])
            .Select(m => m?.Id).OfType<string>().Where(id => id.Length is > 0 and <= 256 && id != botId).Distinct().ToList();
        var conversationId = activity.Conversation!.Id!;

        long? conversation = null;
        if (botAdded)
        {
            // Records the conversation (and its reference, for proactive messages) as a turn of the installer would.
            var (_, stored) = await services.GetRequiredService<MemberDirectory>()
                .EnsureAsync(TeamsTurnMapper.ToTurn(activity, null), clock.GetCurrentInstant(), ct);
            conversation = stored.Id;
        }
        var inTeam = activity.Conversation.ConversationType == "channel" || HasTeam(activity);
        var newcomers = new List<long>();
        if (inTeam)
            foreach (var userId in joined)
                newcomers.Add(await EnsureMemberAsync(services.GetRequiredService<BotDbContext>(), userId, ct));
        if (conversation is null && newcomers.Count == 0) return null;

        return new InboxWork(null, conversation, BeforeReplies: async (_, outbox, _, token) =>
        {
            if (conversation is { } c)
            {
                var personal = !TeamsTurnMapper.IsGroup(activity.Conversation);
                var key = personal ? WelcomeKey(activity.From!.Id!) : $"welcome:conversation:{Channel}:{conversationId}";
                if (await outbox.SendAsync(OutboxDestination.Conversation(Channel, c), [Welcome()], key, null, token))
                    logger.LogInformation("Teams : bienvenue dans {Conversation} ({Type})", conversationId, activity.Conversation.ConversationType ?? "?");
                else
                    logger.LogInformation("Teams : {Conversation} déjà accueillie, pas de second message de bienvenue", conversationId);
            }
            var route = TeamsRoute.OpeningFrom(activity).ToJson();
            for (var i = 0; i < newcomers.Count; i++)
                await outbox.SendAsync(OutboxDestination.Member(Channel, newcomers[i]), [Welcome()], WelcomeKey(joined[i]), route, token);
        });
    }

    private static bool HasTeam(Activity activity) =>
        activity.ChannelData is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty("team", out var team) && team.ValueKind == JsonValueKind.Object;

    /// <summary>The stored member for a Teams user the bot has not talked to yet (a member added to a team).</summary>
    private async Task<long> EnsureMemberAsync(BotDbContext db, string userId, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var id = await db.Members.Where(m => m.Channel == Channel && m.ChannelUserId == userId).Select(m => (long?)m.Id).FirstOrDefaultAsync(ct);
            if (id is { } known) return known;
            var now = clock.GetCurrentInstant();
            var member = new Member { Channel = Channel, ChannelUserId = userId, CreatedAt = now, LastSeenAt = now, TimeZoneId = community.Value.DefaultTimeZone };
            db.Members.Add(member);
            try
            {
                await db.SaveChangesAsync(ct);
                return member.Id;
            }
            catch (DbUpdateException) when (attempt < 2)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private static string WelcomeKey(string userId) => $"welcome:member:{TeamsChannel.ChannelId}:{userId}";

    private Reply Welcome() => Reply.Show(TeamsReplyRenderer.WelcomeCard(community.Value.Name));

    private async Task KeepTypingAsync(Activity activity, CancellationToken ct)
    {
        try
        {
            // Most answers take a few milliseconds: show "typing" only when the answer is not immediate.
            await Task.Delay(TimeSpan.FromMilliseconds(300), ct);
            while (!ct.IsCancellationRequested)
            {
                await connector.PostActivityAsync(activity.ServiceUrl!, activity.Conversation!.Id!, null, new Activity
                {
                    Type = "typing",
                    From = activity.Recipient,
                    Recipient = activity.From,
                    Conversation = activity.Conversation,
                }, ct);
                await Task.Delay(TypingInterval, ct);
            }
        }
        catch (OperationCanceledException) { }
    }
}
