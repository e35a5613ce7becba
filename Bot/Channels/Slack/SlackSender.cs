using System.Globalization;
using System.Text.Json.Nodes;
using Communaute.Bot.Delivery;
using Communaute.Bot.Security;
using Communaute.Dialogs.Replies;
using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Communaute.Bot.Channels.Slack;

/// <summary>
/// Delivers outbox messages to Slack: chat.postMessage (in a thread when the route says so), chat.postEphemeral, a
/// response_url (only Slack's own addresses), chat.update and chat.delete, and DMs opened with conversations.open.
/// <para>
/// Never twice after an uncertain attempt: every chat.postMessage carries the outbox key in its message metadata, and
/// before posting again after an attempt whose outcome is unknown, the conversation's history (conversations.history,
/// or conversations.replies in a thread) is searched for that key. Ephemeral messages and response_url answers leave
/// no trace Slack lets a bot read back: those are posted again (a rare duplicate of a message only one person sees).
/// </para>
/// </summary>
public sealed class SlackSender(SlackApiClient api, SlackFormStore forms, BotDbContext db, TimeProvider clock, IOptions<SlackOptions> options,
    PublicUrls urls, ILogger<SlackSender> logger) : IChannelSender
{
    public const string MetadataEventType = "communaute_message";

    public string Channel => SlackChannel.Id;

    public SendPacing Pacing => new(TimeSpan.FromMilliseconds(Math.Max(0, options.Value.MinIntervalPerChannelMs)));

    public async Task<DeliveryResult> SendAsync(OutboundMessage message, CancellationToken ct)
    {
        var channel = ChannelOf(message.Conversation);
        var route = SlackRoute.Parse(message.Row.RouteJson) ?? new SlackRoute();
        var parts = await forms.RenderAsync(ReplyLinks.Absolute(message.Reply!, urls.Base()), ct);
        for (var i = message.Row.PartsSent; i < parts.Count; i++)
        {
            var check = i == message.Row.PartsSent ? message.PossiblyDeliveredSince : null;
            var result = await PostPartAsync(channel, route, parts[i], $"{message.Row.IdempotencyKey}/{i}", check, ct);
            if (result is not DeliveryResult.Sent sent) return result;
            if (parts.Count > 1) await message.PartSentAsync(sent.PlatformMessageId);
            else message.Row.PlatformMessageId ??= sent.PlatformMessageId;
        }
        return new DeliveryResult.Sent(message.Row.PlatformMessageId, channel);
    }

    public async Task<DeliveryResult> UpdateAsync(OutboundMessage message, CancellationToken ct)
    {
        var original = message.Original!;
        var channel = original.PlatformConversationId ?? ChannelOf(message.Conversation);
        // A split message is updated in its first part.
        var part = (await forms.RenderAsync(ReplyLinks.Absolute(message.Reply!, urls.Base()), ct))[0];
        var body = Body(channel, part);
        body["ts"] = original.PlatformMessageId;
        var result = await api.TryCallAsync("chat.update", body, ct);
        return result.Ok ? new DeliveryResult.Sent(original.PlatformMessageId, channel) : Outcome("chat.update", result);
    }

    public async Task<DeliveryResult> DeleteAsync(OutboundMessage message, CancellationToken ct)
    {
        var original = message.Original!;
        var channel = original.PlatformConversationId ?? ChannelOf(message.Conversation);
        var result = await api.TryCallAsync("chat.delete", new JsonObject { ["channel"] = channel, ["ts"] = original.PlatformMessageId }, ct);
        if (result.Error == "message_not_found") return new DeliveryResult.Sent(original.PlatformMessageId, channel);
        return result.Ok ? new DeliveryResult.Sent(original.PlatformMessageId, channel) : Outcome("chat.delete", result);
    }

    public async Task<DirectConversation> OpenDirectAsync(Member member, string? routeJson, CancellationToken ct)
    {
        var result = await api.TryCallAsync("conversations.open", new JsonObject { ["users"] = member.ChannelUserId }, ct);
        if (!result.Ok) return DirectConversation.Failed(Outcome("conversations.open", result));
        if (SlackJson.Str(result.Json, "channel", "id") is not { } channel)
            return DirectConversation.Failed(new DeliveryResult.Retry("conversations.open sans canal"));
        for (var attempt = 0; ; attempt++)
        {
            var now = clock.GetCurrentInstant();
            var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.Channel == Channel && c.ChannelConversationId == channel, ct);
            if (conversation is null)
            {
                conversation = new Conversation { Channel = Channel, ChannelConversationId = channel, CreatedAt = now, LastActivityAt = now };
                db.Conversations.Add(conversation);
            }
            conversation.IsGroup = false;
            conversation.DirectMemberId = member.Id;
            conversation.ReferenceJson = SlackInboxHandler.Reference(channel, null);
            try
            {
                await db.SaveChangesAsync(ct);
                return DirectConversation.Opened(conversation);
            }
            catch (DbUpdateException) when (attempt < 2)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<DeliveryResult> PostPartAsync(string channel, SlackRoute route, SlackMessage part, string key, Instant? possiblyPostedSince, CancellationToken ct)
    {
        if (route.ResponseUrl is { } url && options.Value.IsAllowedResponseUrl(url))
        {
            var answer = new JsonObject
            {
                ["response_type"] = route.Ephemeral ? "ephemeral" : "in_channel",
                ["replace_original"] = false,
                ["text"] = part.Text,
                ["blocks"] = SlackBlockKitRenderer.ToJson(part.Blocks),
            };
            var viaUrl = await api.TryPostToResponseUrlAsync(url, answer, ct);
            if (viaUrl.Ok) return new DeliveryResult.Sent(null, channel);
            if (Retryable(viaUrl)) return Outcome("response_url", viaUrl);
            // Used five times, expired: answer through the Web API instead.
            logger.LogInformation("Slack : response_url refusée ({Error}), réponse par l'API", viaUrl.Error);
        }

        var body = Body(channel, part);
        if (route.ThreadTs is not null) body["thread_ts"] = route.ThreadTs;
        if (route.Ephemeral && route.UserId is not null)
        {
            body["user"] = route.UserId;
            var ephemeral = await api.TryCallAsync("chat.postEphemeral", body, ct);
            return ephemeral.Ok ? new DeliveryResult.Sent(SlackJson.Str(ephemeral.Json, "message_ts"), channel) : Outcome("chat.postEphemeral", ephemeral);
        }

        if (possiblyPostedSince is { } since && await FindPostedAsync(channel, route.ThreadTs, key, since, ct) is { } ts)
        {
            logger.LogInformation("Slack : {Key} déjà arrivé malgré l'essai incertain (ts {Ts}), pas de nouvel envoi", key, ts);
            return new DeliveryResult.Sent(ts, channel);
        }
        body["metadata"] = new JsonObject
        {
            ["event_type"] = MetadataEventType,
            ["event_payload"] = new JsonObject { ["key"] = key },
        };
        var posted = await api.TryCallAsync("chat.postMessage", body, ct);
        return posted.Ok ? new DeliveryResult.Sent(SlackJson.Str(posted.Json, "ts"), channel) : Outcome("chat.postMessage", posted);
    }

    /// <summary>The ts of a message the bot posted with this key since the uncertain attempt, if Slack has it.</summary>
    private async Task<string?> FindPostedAsync(string channel, string? thread, string key, Instant since, CancellationToken ct)
    {
        var method = thread is null ? "conversations.history" : "conversations.replies";
        var oldest = (since - Duration.FromMinutes(1)).ToUnixTimeTicks() / (double)NodaConstants.TicksPerSecond;
        string? cursor = null;
        for (var page = 0; page < 5; page++)
        {
            var query = new JsonObject
            {
                ["channel"] = channel,
                ["oldest"] = oldest.ToString("F6", CultureInfo.InvariantCulture),
                ["inclusive"] = true,
                ["limit"] = 200,
                ["include_all_metadata"] = true,
            };
            if (thread is not null) query["ts"] = thread;
            if (cursor is not null) query["cursor"] = cursor;
            var result = await api.TryCallAsync(method, query, ct, form: true);
            if (!result.Ok)
            {
                logger.LogWarning("Slack : {Method} impossible ({Error}) : {Key} sera renvoyé sans vérification", method, result.Error, key);
                return null;
            }
            foreach (var message in (SlackJson.Get(result.Json, "messages") as JsonArray ?? []).OfType<JsonObject>())
                if (SlackJson.Str(message, "metadata", "event_type") == MetadataEventType && SlackJson.Str(message, "metadata", "event_payload", "key") == key)
                    return SlackJson.Str(message, "ts");
            cursor = SlackJson.Str(result.Json, "response_metadata", "next_cursor");
            if (string.IsNullOrEmpty(cursor)) return null;
        }
        return null;
    }

    private static JsonObject Body(string channel, SlackMessage part) => new()
    {
        ["channel"] = channel,
        ["text"] = part.Text,
        ["blocks"] = SlackBlockKitRenderer.ToJson(part.Blocks),
    };

    private static bool Retryable(SlackCallResult result) =>
        result.Error is "ratelimited" or "internal_error" or "fatal_error" or "service_unavailable" or "request_timeout"
        || result.Error!.StartsWith("http_5", StringComparison.Ordinal) || result.Error.StartsWith("network_error", StringComparison.Ordinal);

    private static DeliveryResult Outcome(string method, SlackCallResult result)
    {
        var reason = $"{method}: {result.Error}";
        if (Retryable(result)) return new DeliveryResult.Retry(reason, result.RetryAfter, result.MayHaveArrived);
        return new DeliveryResult.Park(SlackFailureKinds.Of(result.Error!), reason);
    }

    private static string ChannelOf(Conversation conversation) =>
        conversation.ReferenceJson is { Length: > 0 } json && SlackJson.Str(TryParse(json), "channel") is { } channel ? channel : conversation.ChannelConversationId;

    private static JsonNode? TryParse(string json)
    {
        try { return JsonNode.Parse(json); }
        catch (System.Text.Json.JsonException) { return null; }
    }
}
