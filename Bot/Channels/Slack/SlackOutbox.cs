using System.Text.Json.Nodes;

namespace Communaute.Bot.Channels.Slack;

/// <summary>Where the answer to an item goes: a channel (and thread), an ephemeral message, or a response_url.</summary>
public sealed record SlackReplyTarget(string Channel, string UserId, string? ThreadTs = null, bool Ephemeral = false, string? ResponseUrl = null);

/// <summary>
/// The Web API calls that answer one queued item, as JSON ({"method", "body"} or {"response_url", "body"}),
/// stored with the item so that a retry sends only what was not sent yet.
/// </summary>
public static class SlackOutbox
{
    /// <summary>Slack accepts up to five answers per response_url.</summary>
    public const int MaxResponseUrlUses = 5;

    public static List<JsonObject> Messages(SlackReplyTarget target, IEnumerable<SlackMessage> messages)
    {
        var calls = new List<JsonObject>();
        var viaResponseUrl = 0;
        foreach (var message in messages)
        {
            var blocks = SlackBlockKitRenderer.ToJson(message.Blocks);
            if (target.ResponseUrl is not null && viaResponseUrl < MaxResponseUrlUses)
            {
                viaResponseUrl++;
                calls.Add(new JsonObject
                {
                    ["response_url"] = target.ResponseUrl,
                    ["body"] = new JsonObject
                    {
                        ["response_type"] = target.Ephemeral ? "ephemeral" : "in_channel",
                        ["replace_original"] = false,
                        ["text"] = message.Text,
                        ["blocks"] = blocks,
                    },
                });
                continue;
            }
            var body = new JsonObject { ["channel"] = target.Channel, ["text"] = message.Text, ["blocks"] = blocks };
            if (target.ThreadTs is not null) body["thread_ts"] = target.ThreadTs;
            if (target.Ephemeral) body["user"] = target.UserId;
            calls.Add(Call(target.Ephemeral ? "chat.postEphemeral" : "chat.postMessage", body));
        }
        return calls;
    }

    public static JsonObject Call(string method, JsonObject body) => new() { ["method"] = method, ["body"] = body };

    public static Task SendAsync(SlackApiClient api, JsonObject call, CancellationToken ct)
    {
        var body = (JsonObject)call["body"]!.DeepClone();
        return SlackInbound.Str(call["response_url"]) is { } url
            ? api.PostToResponseUrlAsync(url, body, ct)
            : api.CallAsync(SlackInbound.Str(call["method"])!, body, ct);
    }
}
