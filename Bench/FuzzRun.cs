using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Communaute.Bot.Verbs.Bench;

/// <summary>What a fuzz run saw: how many requests, the 5xx among them (with examples to reproduce), statuses by count.</summary>
public sealed record FuzzResult(int Requests, int ServerErrors, IReadOnlyList<string> Examples, IReadOnlyDictionary<int, int> Statuses, int Failures);

/// <summary>Sends <see cref="HostileRequests"/> to a bot over HTTP, concurrently, and counts what comes back.</summary>
public static class FuzzRun
{
    public static async Task<FuzzResult> RunAsync(HttpClient client, HostileRequests generator, int count, int concurrency, CancellationToken ct)
    {
        generator.WebChatCookies = await OpenPageSessionsAsync(client, 4, ct);
        var statuses = new ConcurrentDictionary<int, int>();
        var examples = new ConcurrentQueue<string>();
        var next = 0;
        var serverErrors = 0;
        var failures = 0;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) <= count)
            {
                HttpRequestMessage request;
                lock (generator) request = generator.Next();
                var body = request.Content is null ? "" : Encoding.UTF8.GetString(await request.Content.ReadAsByteArrayAsync(ct));
                try
                {
                    using var response = await client.SendAsync(request, ct);
                    var status = (int)response.StatusCode;
                    statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                    if (status >= 500)
                    {
                        Interlocked.Increment(ref serverErrors);
                        if (examples.Count < 10)
                            examples.Enqueue($"{status} {request.Method} {request.RequestUri} {Clip(body)} → {Clip(await response.Content.ReadAsStringAsync(ct))}");
                    }
                }
                catch (HttpRequestException e)
                {
                    // The server closed the connection without an answer: as bad as a 5xx.
                    Interlocked.Increment(ref failures);
                    if (examples.Count < 10) examples.Enqueue($"sans réponse {request.Method} {request.RequestUri} {Clip(body)} : {e.Message}");
                }
                finally { request.Dispose(); }
            }
        }, ct)));
        return new FuzzResult(count, serverErrors, examples.ToList(), statuses, failures);
    }

    /// <summary>
    /// Opens a few chat page sessions (a turn needs one), each from its own forwarded address so that the per-client
    /// limit on new visitors is not what the fuzz measures; returns their cookies ("name=value").
    /// </summary>
    private static async Task<IReadOnlyList<string>> OpenPageSessionsAsync(HttpClient client, int count, CancellationToken ct)
    {
        var cookies = new List<string>();
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/webchat/session") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", $"198.51.100.{10 + i}");
            using var response = await client.SendAsync(request, ct);
            if (response.Headers.TryGetValues("Set-Cookie", out var set))
                cookies.AddRange(set.Select(c => c.Split(';')[0]));
        }
        return cookies;
    }

    private static string Clip(string s) => s.Length <= 300 ? s : s[..300] + "…";
}
