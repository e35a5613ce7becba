using System.Text.Json.Nodes;
using Communaute.Bot.Tests.Infrastructure;

namespace Communaute.Bot.Tests.Teams;

/// <summary>
/// Sessions and the digest end to end in the Microsoft 365 Agents Playground: what a facilitator does in Teams, with
/// the Playground's own forms, buttons and channel threads (issues 10 and 11).
/// </summary>
public sealed class TeamsPlaygroundStoryTests
{
    private const string Personal = "personal-story";

    [SkippableFact]
    public async Task A_facilitator_publishes_a_session_books_it_then_posts_the_digest_once_in_a_team_channel()
    {
        await using var bot = await BotTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Community:Facilitators"] = "test:facilitator,msteams:" + AgentsPlayground.UserId,
        }, listen: true);
        await using var playground = await AgentsPlayground.StartAsync(bot.BaseAddress!, Personal);
        bool InPersonal(string id) => id == Personal;

        // The facilitator publishes a session from the form card, filled and submitted in the Playground.
        await playground.SayAsync(Personal, "créer une session");
        var form = await playground.NextBotMessageSayingAsync(InPersonal, "Input.Text");
        var values = AgentsPlayground.Submits(Card(form)).First()["data"]!.AsObject().DeepClone().AsObject();
        values["titre"] = "Co-développement de décembre";
        values["date"] = "10/12/2026";
        values["heure"] = "14h00";
        values["lieu"] = "https://visio.example.org/codev";
        await playground.SubmitAsync(Personal, (string)form["messageId"]!, values);
        await playground.NextBotMessageSayingAsync(InPersonal, "Session créée");

        // Listed with its seats and the time in the member's zone, named; booked with the card's button.
        await playground.SayAsync(Personal, "sessions");
        var list = await playground.NextBotMessageSayingAsync(InPersonal, "Co-développement de décembre");
        var listed = list.ToJsonString(new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        // In the zone the Playground's client gives (the machine's), named: "14h00 heure UTC", "14h00 heure de Paris"…
        Assert.Matches("jeudi 10 décembre 2026, 14h00 heure [^\"]+", listed);
        var book = AgentsPlayground.Submits(Card(list)).First(a => (string?)a["title"] == "Réserver");
        await playground.SubmitAsync(Personal, (string)list["messageId"]!, book["data"]!.AsObject());
        await playground.NextBotMessageSayingAsync(InPersonal, "Co-développement de décembre");
        await playground.SayAsync(Personal, "mes sessions");
        await playground.NextBotMessageSayingAsync(InPersonal, "Co-développement de décembre");

        // A team channel subscribes to the digest (an @mention in the channel), the facilitator prepares and posts it.
        var channel = (string)playground.Config["teams"]![0]!["channels"]![0]!["id"]!;
        var thread = await playground.SayAsync(channel, "abonner ce canal au digest", mentionBot: true);
        await playground.NextBotMessageSayingAsync(id => id == thread, "digest");
        await playground.SayAsync(Personal, "préparer le digest");
        await playground.NextBotMessageSayingAsync(InPersonal, "Brouillon du digest");
        await playground.SayAsync(Personal, "publier maintenant");
        await playground.NextBotMessageSayingAsync(InPersonal, "Publié dans 1 canal");
        var posted = await playground.NextBotMessageSayingAsync(id => id.StartsWith(channel, StringComparison.Ordinal), "Digest de la communauté");
        Assert.Contains("Co-développement de décembre", posted.ToJsonString(new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        await CardValidator.AssertValidAsync(Card(posted));

        // Posted once: a second "publier maintenant" posts nothing more.
        await playground.SayAsync(Personal, "publier maintenant");
        await playground.NextBotMessageSayingAsync(InPersonal, "déjà publié");
    }

    private static JsonObject Card(JsonObject message) =>
        message["attachments"]!.AsArray().Select(a => a!["content"]).OfType<JsonObject>().First();
}
