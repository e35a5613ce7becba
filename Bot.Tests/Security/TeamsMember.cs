using System.Net;
using System.Text.Json.Nodes;
using Communaute.Bot.Tests.Teams;

namespace Communaute.Bot.Tests.Security;

/// <summary>
/// A member talking to the bot over HTTP through Teams' /api/messages (authentication off, as with the Playground), the
/// bot's answers read at the fake Bot Connector: identity comes from the activity, as the Bot Framework sends it.
/// </summary>
/// <remarks>Replies are read once the host has handled everything (a slow machine may pause between two replies).</remarks>
public sealed class TeamsMember(HttpClient client, FakeBotFramework connector, string userId, string name, Infrastructure.BotTestHost host, string tenant = TeamsActivities.Tenant)
{
    private static readonly System.Text.Json.JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public string UserId => userId;
    public string Conversation => "a:personal-" + userId;

    /// <summary>Sends text (or a click's value) and returns everything the bot answered, as the JSON it sent the connector.</summary>
    public async Task<string> Says(string text, JsonObject? value = null, string? id = null, IDictionary<string, string>? headers = null)
    {
        var activity = Activity(text, value, id);
        var before = connector.Messages.Count;
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/messages") { Content = new StringContent(activity.ToJsonString(), System.Text.Encoding.UTF8, "application/json") };
        foreach (var (k, v) in headers ?? new Dictionary<string, string>()) request.Headers.TryAddWithoutValidation(k, v);
        using var response = await client.SendAsync(request);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted, $"HTTP {(int)response.StatusCode} : {await response.Content.ReadAsStringAsync()}");
        return await RepliesAfter(before);
    }

    public JsonObject Activity(string text, JsonObject? value = null, string? id = null)
    {
        var activity = TeamsActivities.Personal(connector.ServiceUrl, text, userId, Conversation, id);
        ((JsonObject)activity["from"]!)["name"] = name;
        activity["conversation"]!["tenantId"] = tenant;
        activity["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = tenant } };
        if (value is not null) activity["value"] = value;
        return activity;
    }

    /// <summary>
    /// What the connector received for this member's conversation after the first <paramref name="before"/> messages,
    /// once it stops receiving (the turn runs from the inbox and its replies leave through the outbox, after the 200).
    /// </summary>
    public async Task<string> RepliesAfter(int before)
    {
        var path = Uri.EscapeDataString(Conversation);
        List<ConnectorCall> Mine() => connector.Messages.Skip(before).Where(m => m.RawPath.Contains(path, StringComparison.Ordinal) || m.RawPath.Contains(Conversation, StringComparison.Ordinal)).ToList();
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (Mine().Count == 0 && DateTime.UtcNow < until) await Task.Delay(20);
        await host.WaitUntilIdleAsync();
        var count = Mine().Count;
        while (true)
        {
            await Task.Delay(400);
            var now = Mine().Count;
            if (now == count) break;
            count = now;
        }
        return string.Join("\n", Mine().Select(m => m.Body?.ToJsonString(Readable) ?? ""));
    }
}
