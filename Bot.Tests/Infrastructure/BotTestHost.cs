using Communaute.Bot.Hosting;
using Communaute.Bot.Pipeline;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using NodaTime;

namespace Communaute.Bot.Tests.Infrastructure;

/// <summary>
/// The real bot host on a fresh SQLite file and a fake clock, optionally listening on 127.0.0.1 (random port).
/// Restarting on the same database is how tests check that nothing lives only in memory.
/// </summary>
public sealed class BotTestHost : IAsyncDisposable
{
    private readonly bool _ownsDirectory;
    private bool _handedOver;

    public WebApplication App { get; }
    /// <summary>The bot's one clock; it moves only when a test moves it (<c>Clock.Advance(TimeSpan.FromDays(1))</c>).</summary>
    public FakeTimeProvider Clock { get; }
    public string DataDirectory { get; }
    public Uri? BaseAddress { get; private set; }

    private BotTestHost(WebApplication app, FakeTimeProvider clock, string dataDirectory, bool ownsDirectory)
    {
        App = app;
        Clock = clock;
        DataDirectory = dataDirectory;
        _ownsDirectory = ownsDirectory;
    }

    public IServiceProvider Services => App.Services;
    /// <summary>The one turn path, as the page and the terminal take it: inbox, worker, outbox; the caller waits for its replies.</summary>
    public Communaute.Bot.Delivery.LocalTurns Turns => Services.GetRequiredService<Communaute.Bot.Delivery.LocalTurns>();

    /// <param name="settings">Configuration, as "Section:Key" → value.</param>
    /// <param name="services">Replacements of services (fakes of outside services).</param>
    /// <param name="dataDirectory">Reuse a database (restart tests); null for a fresh one.</param>
    public static Task<BotTestHost> StartAsync(
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null,
        bool listen = false) => StartCoreAsync(settings, services, listen, null, null, ownsDirectory: true);

    private static async Task<BotTestHost> StartCoreAsync(
        IDictionary<string, string?>? settings, Action<IServiceCollection>? services, bool listen,
        string? dataDirectory, FakeTimeProvider? clock, bool ownsDirectory)
    {
        dataDirectory ??= Directory.CreateTempSubdirectory("communaute-test-").FullName;
        var args = new List<string> { "--urls=http://127.0.0.1:0" };
        var config = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = $"Data Source={Path.Combine(dataDirectory, "bot.db")}",
            ["Knowledge:Folder"] = RepoPaths.KnowledgeBase,
            ["Knowledge:WatchForChanges"] = "false",
            // The chat page is off outside Development unless enabled; tests talk to it.
            ["WebChat:Enabled"] = "true",
            // Tests run due work themselves, with the fake clock (DueWorkRunner); Quartz tests turn it on.
            ["Delivery:Scheduler:Enabled"] = "false",
            ["Delivery:PollInterval"] = "00:00:00.100",
        };
        // A facilitator for the tests, unless the test gives its own list (as a string or indexed: never both).
        if (settings?.Keys.Any(k => k.StartsWith("Community:Facilitators", StringComparison.Ordinal)) != true)
            config["Community:Facilitators"] = "test:facilitator";
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) config[k] = v;
        args.AddRange(config.Select(kv => $"--{kv.Key}={kv.Value}"));

        var builder = BotApp.CreateBuilder(args.ToArray());
        clock ??= new FakeTimeProvider(Instant.FromUtc(2026, 11, 23, 9, 0).ToDateTimeOffset());
        builder.Services.RemoveAll<TimeProvider>();
        builder.Services.AddSingleton<TimeProvider>(clock);
        services?.Invoke(builder.Services);
        var app = await BotApp.BuildAsync(builder);
        var host = new BotTestHost(app, clock, dataDirectory, ownsDirectory);
        if (listen)
        {
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            host.BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1") + "/");
        }
        return host;
    }

    /// <summary>Delivers what is waiting in the outbox: what the people addressed would have received by now.</summary>
    public Task DeliverOutboxAsync() => Services.GetRequiredService<Communaute.Bot.Delivery.OutboxSender>().DrainAsync();

    /// <summary>Runs the work that is due (reminders, offers, digest steps) and delivers what it wrote to the outbox.</summary>
    public async Task RunDueWorkAsync()
    {
        await Services.GetRequiredService<Communaute.Bot.Delivery.DueWorkRunner>().RunAllAsync();
        await DeliverOutboxAsync();
    }

    /// <summary>
    /// Waits until every received message has been handled and nothing due is left in the outbox: the replies to
    /// what was sent so far have all gone out (or failed for good).
    /// </summary>
    public async Task WaitUntilIdleAsync(TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < until)
        {
            using (var scope = Services.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<Communaute.Bot.Storage.BotDbContext>();
                var now = Clock.GetCurrentInstant();
                var busy = await db.Set<Communaute.Bot.Delivery.InboxItem>().AnyAsync(i => i.State == Communaute.Bot.Delivery.InboxState.Pending && i.NextAttemptAt <= now)
                    || await db.Set<Communaute.Bot.Delivery.OutboxMessage>().AnyAsync(o => o.Status == Communaute.Bot.Delivery.OutboxStatus.Pending && o.NextAttemptAt <= now);
                if (!busy) return;
            }
            await Task.Delay(25);
        }
        throw new TimeoutException("l'hôte a encore du travail en attente");
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress ?? throw new InvalidOperationException("hôte démarré sans écoute") };

    public async ValueTask DisposeAsync()
    {
        if (_handedOver) return;
        await StopAppAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_ownsDirectory)
            try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }

    /// <summary>
    /// Stops as the bot stops, leases given back: a host that never started its services would otherwise keep the
    /// conversations' leases, and on the fake clock, which does not move by itself, they would never expire.
    /// </summary>
    private async Task StopAppAsync()
    {
        try { await App.StopAsync(); } catch (InvalidOperationException) { /* never started */ }
        await App.Services.GetRequiredService<Communaute.Bot.Delivery.LeaseStore>().ReleaseAllAsync();
    }

    /// <summary>Stops this host and starts a new one on the same database and clock (dispose only the new one).</summary>
    public async Task<BotTestHost> RestartAsync(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, bool listen = false)
    {
        _handedOver = true;
        await StopAppAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        return await StartCoreAsync(settings, services, listen, DataDirectory, Clock, _ownsDirectory);
    }
}
