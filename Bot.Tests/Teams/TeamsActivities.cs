using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Communaute.Bot.Tests.Teams;

/// <summary>Teams-shaped activities, as the Bot Connector posts them (shapes taken from the Agents Playground).</summary>
public static class TeamsActivities
{
    public const string BotId = "28:bot-id";
    public const string BotName = "Communauté";
    public const string Tenant = "tenant-1";

    public static JsonObject Personal(string serviceUrl, string text, string user = "29:user-alice", string conversation = "a:personal-alice", string? id = null) => new()
    {
        ["type"] = "message",
        ["id"] = id ?? "msg-" + Guid.NewGuid().ToString("N")[..8],
        ["channelId"] = "msteams",
        ["serviceUrl"] = serviceUrl,
        ["from"] = new JsonObject { ["id"] = user, ["name"] = "Alice Martin", ["aadObjectId"] = "aad-" + user },
        ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = BotName },
        ["conversation"] = new JsonObject { ["conversationType"] = "personal", ["tenantId"] = Tenant, ["id"] = conversation },
        ["text"] = text,
        ["textFormat"] = "plain",
        ["locale"] = "fr-FR",
        ["entities"] = new JsonArray(new JsonObject { ["type"] = "clientInfo", ["locale"] = "fr-FR", ["timezone"] = "Europe/Paris" }),
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = Tenant } },
    };

    public static JsonObject ChannelMention(string serviceUrl, string text, string thread = "19:general@thread.tacv2;messageid=1700000000000")
    {
        var a = Personal(serviceUrl, $"<at>{BotName}</at> {text}", conversation: thread);
        a["conversation"] = new JsonObject { ["isGroup"] = true, ["conversationType"] = "channel", ["tenantId"] = Tenant, ["id"] = thread };
        a["entities"] = new JsonArray(new JsonObject
        {
            ["type"] = "mention",
            ["mentioned"] = new JsonObject { ["id"] = BotId, ["name"] = BotName },
            ["text"] = $"<at>{BotName}</at>",
        });
        return a;
    }

    public static JsonObject Submit(string serviceUrl, JsonObject value, string replyToId = "activity-1")
    {
        var a = Personal(serviceUrl, "");
        a.Remove("text");
        a["value"] = value;
        a["replyToId"] = replyToId;
        return a;
    }

    public static JsonObject BotInstalled(string serviceUrl, string conversation = "a:personal-alice", string type = "conversationUpdate")
    {
        var a = Personal(serviceUrl, "", conversation: conversation);
        a.Remove("text");
        a["type"] = type;
        if (type == "installationUpdate") a["action"] = "add";
        else a["membersAdded"] = new JsonArray(new JsonObject { ["id"] = BotId });
        return a;
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, JsonNode activity, string? bearer = null) =>
        await PostRawAsync(client, activity.ToJsonString(), bearer);

    public static async Task<HttpResponseMessage> PostRawAsync(HttpClient client, string body, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/messages")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return await client.SendAsync(request);
    }
}
