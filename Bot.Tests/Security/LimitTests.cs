using System.Net;
using System.Text;
using Communaute.Bot.Delivery;
using Communaute.Bot.Storage;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Knowledge;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Communaute.Bot.Tests.Security;

/// <summary>Issue 9.10: per-client rate limits, retention of what the bot keeps, reloads of the base serialised and bounded.</summary>
public sealed class LimitTests
{
    [Fact]
    public async Task One_client_flooding_the_web_chat_gets_429_and_fills_nothing_while_another_client_is_served()
    {
        await using var host = await BotTestHost.StartAsync(listen: true);
        // A script that opened the page once (its session cookie), then floods it with messages.
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = host.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await Open(client, "203.0.113.9")).StatusCode);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 80; i++)
            statuses.Add((await Turn(client, $"flood-{i}", "203.0.113.9")).StatusCode);
        // A burst of 40 (the page's opening took one) is served, then about 2 a second (the bucket refills 20 tokens every 10 s).
        var served = statuses.Count(s => s == HttpStatusCode.OK);
        Assert.InRange(served, 39, 79);
        Assert.Equal(80 - served, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        var refused = await Turn(client, "flood-last", "203.0.113.9");
        Assert.True(refused.Headers.RetryAfter is not null);
        Assert.Contains("Trop de requêtes", await refused.Content.ReadAsStringAsync());

        using var neighbour = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = host.BaseAddress };
        Assert.Equal(HttpStatusCode.OK, (await Open(neighbour, "198.51.100.20")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Turn(neighbour, "neighbour", "198.51.100.20")).StatusCode);
        await using var scope = host.Services.CreateAsyncScope();
        Assert.Equal(2, await scope.ServiceProvider.GetRequiredService<BotDbContext>().Members.CountAsync());
    }

    [Fact]
    public async Task Old_audits_questions_and_idle_web_chat_visitors_are_deleted_when_due()
    {
        await using var host = await BotTestHost.StartAsync();
        var visitor = new TestChat(host, "visitor", channel: "webchat", conversationId: "visitor-page");
        var teams = new TestChat(host, "29:member", channel: "msteams", conversationId: "a:member");
        await visitor.Says("Comment faire un gâteau au chocolat ?");
        await teams.Says("Qu'est-ce que le FISO ?");
        await teams.Says("Quelle est la recette de la pâte à crêpes ?");

        var runner = host.Services.GetRequiredService<DueWorkRunner>();
        host.Clock.Advance(TimeSpan.FromDays(29));
        await runner.RunAllAsync();
        Assert.Equal((2, 3, 2), await CountsAsync(host));

        host.Clock.Advance(TimeSpan.FromDays(2)); // the visitor has been idle 31 days
        await runner.RunAllAsync();
        Assert.Equal((1, 2, 1), await CountsAsync(host));
        await using (var scope = host.Services.CreateAsyncScope())
            Assert.Equal("29:member", (await scope.ServiceProvider.GetRequiredService<BotDbContext>().Members.SingleAsync()).ChannelUserId);

        host.Clock.Advance(TimeSpan.FromDays(150)); // 181 days: the answers' audit goes, the unanswered question stays
        await runner.RunAllAsync();
        Assert.Equal((1, 0, 1), await CountsAsync(host));
        host.Clock.Advance(TimeSpan.FromDays(185));
        await runner.RunAllAsync();
        Assert.Equal((1, 0, 0), await CountsAsync(host));
    }

    [Fact]
    public async Task Retention_zero_keeps_forever()
    {
        await using var host = await BotTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Retention:AnswerAuditDays"] = "0", ["Retention:UnansweredQuestionDays"] = "0", ["Retention:WebChatMemberDays"] = "0",
        });
        await new TestChat(host, "visitor", channel: "webchat").Says("Comment faire un gâteau au chocolat ?");
        host.Clock.Advance(TimeSpan.FromDays(3650));
        await host.Services.GetRequiredService<DueWorkRunner>().RunAllAsync();
        Assert.Equal((1, 1, 1), await CountsAsync(host));
    }

    [Fact]
    public async Task A_flood_of_reloads_builds_no_index_until_a_file_changes()
    {
        var folder = Directory.CreateTempSubdirectory("communaute-base-");
        try
        {
            foreach (var file in Directory.EnumerateFiles(RepoPaths.KnowledgeBase, "*", SearchOption.AllDirectories))
            {
                var copy = Path.Combine(folder.FullName, Path.GetRelativePath(RepoPaths.KnowledgeBase, file));
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(file, copy);
            }
            await using var host = await BotTestHost.StartAsync(new Dictionary<string, string?> { ["Knowledge:Folder"] = folder.FullName });
            var knowledge = host.Services.GetRequiredService<KnowledgeService>();
            var before = knowledge.Current;

            await Task.WhenAll(Enumerable.Range(0, 80).Select(i => new TestChat(host, "facilitator", conversationId: $"c{i}").Says("recharger la base")));
            Assert.Same(before, knowledge.Current);

            var entry = Directory.EnumerateFiles(folder.FullName, "*.md", SearchOption.AllDirectories).First(f => !f.EndsWith("README.md"));
            File.AppendAllText(entry, "\nUne phrase ajoutée par une curatrice.\n");
            await Task.WhenAll(Enumerable.Range(0, 20).Select(i => new TestChat(host, "facilitator", conversationId: $"d{i}").Says("recharger la base")));
            Assert.NotSame(before, knowledge.Current);
            var after = knowledge.Current;
            await new TestChat(host, "facilitator").Says("recharger la base");
            Assert.Same(after, knowledge.Current);
        }
        finally { folder.Delete(recursive: true); }
    }

    private static async Task<(int Members, int Audits, int Questions)> CountsAsync(BotTestHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BotDbContext>();
        return (await db.Members.CountAsync(), await db.AnswerAudits.CountAsync(), await db.UnansweredQuestions.CountAsync());
    }

    private static async Task<HttpResponseMessage> Open(HttpClient client, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/webchat/session") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> Turn(HttpClient client, string user, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/webchat/turns")
        {
            Content = new StringContent($$"""{"messageId":"{{user}}","text":"aide"}""", Encoding.UTF8, "application/json"),
        };
        // Through a reverse proxy on the same machine (trusted): the client is the forwarded address.
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await client.SendAsync(request);
    }
}
