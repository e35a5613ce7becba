using Communaute.Bot.Tests.Dialogs;
using Communaute.Bot.Tests.Infrastructure;

namespace Communaute.Bot.Tests.WebChat;

/// <summary>The chat page's sessions and transcript on PostgreSQL: a message sent twice at once is answered once.</summary>
public sealed class WebChatPostgresTests
{
    [SkippableFact]
    public async Task The_transcript_and_its_once_only_messages_work_on_postgresql()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        await using (var host = await BotTestHost.StartAsync(database.Settings, listen: true))
        {
            using var visitor = Visitor.Of(host);
            await visitor.Open();
            var body = new System.Text.Json.Nodes.JsonObject { ["messageId"] = "pg-double", ["text"] = "Qu'est-ce que le FISO ?" };
            var both = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => visitor.Post(body.DeepClone().AsObject())));
            Assert.Single(both, r => r.Count > 0);
            var history = await visitor.Open();
            Assert.Equal(["bot", "member", "bot"], history.Select(e => (string)e!["from"]!).ToList());
            Assert.Contains("FISO", history.AllText());
        }
    }
}
