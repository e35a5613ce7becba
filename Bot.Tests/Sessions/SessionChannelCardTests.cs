using System.Text.Json.Nodes;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Bot.Tests.Teams;

namespace Communaute.Bot.Tests.Sessions;

/// <summary>A session card posted in a Teams channel, and its update when the seats change (Teams updateActivity).</summary>
public sealed class SessionChannelCardTests : IAsyncLifetime
{
    private const string Thread = "19:general@thread.tacv2;messageid=1700000000000";
    private FakeBotFramework _fake = null!;
    private BotTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeBotFramework.StartAsync();
        _host = await BotTestHost.StartAsync(new Dictionary<string, string?>
        {
            // The facilitator who creates the session here, and the Teams user who publishes it in the channel.
            ["Community:Facilitators"] = "test:facilitator,msteams:29:user-alice",
            ["Teams:ConnectorTimeout"] = "00:00:03",
        }, SessionsHost.Recording, listen: true);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _fake.DisposeAsync();
    }

    private static string Json(ConnectorCall call) =>
        call.Body?.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) ?? "";

    /// <summary>The first call to the connector whose body says all of <paramref name="fragments"/>, once delivered by the outbox.</summary>
    private async Task<ConnectorCall> DeliveredAsync(params string[] fragments)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var hit = _fake.Messages.FirstOrDefault(c => fragments.All(Json(c).Contains));
            if (hit is not null) return hit;
            if (DateTime.UtcNow > until)
                throw new Xunit.Sdk.XunitException($"Rien d'envoyé avec « {string.Join(" », « ", fragments)} » ; envoyé :\n"
                    + string.Join("\n", _fake.Messages.Select(c => $"{c.Method} {c.RawPath} {string.Concat(Json(c).Take(300))}")));
            await Task.Delay(20);
        }
    }

    private async Task<long> PublishAsync()
    {
        var id = await new TestChat(_host, "facilitator", "Fanny").CreateSessionAsync(_host);
        using var client = _host.CreateClient();
        await TeamsActivities.PostAsync(client, TeamsActivities.ChannelMention(_fake.ServiceUrl, $"publier {id}", Thread));
        var card = await DeliveredAsync("Co-développement des incubés", "8 places libres sur 8");
        Assert.Equal("POST", card.Method);
        await DeliveredAsync("est annoncée ici");
        return id;
    }

    [Fact]
    public async Task A_facilitator_announces_a_session_in_a_channel_once()
    {
        var id = await PublishAsync();
        using var client = _host.CreateClient();
        await TeamsActivities.PostAsync(client, TeamsActivities.ChannelMention(_fake.ServiceUrl, $"publier {id}", Thread));
        await DeliveredAsync("déjà annoncée");
        Assert.Equal(1, _fake.Messages.Count(c => Json(c).Contains("Réservez ici")));
    }

    [Fact]
    public async Task When_seats_change_the_posted_card_is_updated_in_place()
    {
        var id = await PublishAsync();
        var post = _fake.Messages.First(c => c.Method == "POST" && Json(c).Contains("Réservez ici"));
        (await new TestChat(_host, "alice", "Alice").Says($"réserver {id}")).Answers("votre place est réservée");
        var update = await DeliveredAsync("7 places libres sur 8");
        Assert.Equal("PUT", update.Method);
        Assert.StartsWith(post.RawPath.Split('?')[0], update.RawPath);
        Assert.Single(_fake.Messages, c => c.Method == "PUT");
    }

    [Fact]
    public async Task A_member_who_books_from_the_channel_card_is_answered_in_private_and_the_channel_sees_only_the_seat_count()
    {
        await PublishAsync();
        var post = _fake.Messages.First(c => c.Method == "POST" && Json(c).Contains("Réservez ici"));
        var channelPath = post.RawPath.Split("/activities")[0];
        var before = _fake.Messages.Count;

        // Bob clicks the card's own « Réserver » button in the channel.
        var click = TeamsActivities.ChannelMention(_fake.ServiceUrl, "", Thread);
        click.Remove("text");
        click["from"] = new JsonObject { ["id"] = "29:user-bob", ["name"] = "Bob Durand", ["aadObjectId"] = "aad-bob" };
        click["value"] = SubmitData(post.Body!, "Réserver");
        click["replyToId"] = post.ReturnedId;
        using var client = _host.CreateClient();
        await TeamsActivities.PostAsync(client, click);

        var update = await DeliveredAsync("7 places libres sur 8");
        Assert.Equal("PUT", update.Method);
        var confirmation = await DeliveredAsync("votre place est réservée");
        var invitation = await DeliveredAsync("Calendrier (.ics)");
        foreach (var personal in new[] { confirmation, invitation })
        {
            Assert.False(personal.RawPath.StartsWith(channelPath, StringComparison.Ordinal), $"posté dans le canal : {personal.RawPath}");
            Assert.Contains("a:direct-", Uri.UnescapeDataString(personal.RawPath));
        }
        Assert.Matches(@"https?://[^""]+/sessions/calendrier/\d+\.ics\?", Json(invitation));
        // In the channel after the click: updates of the posted card in place, nothing else.
        Assert.All(_fake.Messages.Skip(before).Where(c => c.RawPath.StartsWith(channelPath, StringComparison.Ordinal)),
            c => Assert.Equal(("PUT", update.RawPath), (c.Method, c.RawPath)));
    }

    /// <summary>The data of the card's Action.Submit titled <paramref name="title"/>, as Teams sends it back on a click.</summary>
    private static JsonObject SubmitData(JsonObject activity, string title)
    {
        var action = Descendants(activity).OfType<JsonObject>()
            .First(o => o["type"]?.GetValue<string>() == "Action.Submit" && o["title"]?.GetValue<string>() == title);
        return (JsonObject)action["data"]!.DeepClone();
    }

    private static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
            foreach (var d in Descendants(child)) yield return d;
    }
}
