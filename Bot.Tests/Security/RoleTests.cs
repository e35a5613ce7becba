using Communaute.Bot.Hosting;
using Communaute.Bot.Security;
using Communaute.Bot.Storage;
using Communaute.Bot.Tests.Infrastructure;
using Communaute.Bot.Tests.Teams;
using Communaute.Dialogs.Conversation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Communaute.Bot.Tests.Security;

/// <summary>Issue 9.3: roles come from configuration at every turn, and go away when removed there.</summary>
public sealed class RoleTests : IAsyncLifetime
{
    private FakeBotFramework _connector = null!;

    public async Task InitializeAsync() => _connector = await FakeBotFramework.StartAsync();
    public async Task DisposeAsync() => await _connector.DisposeAsync();

    private static Dictionary<string, string?> Roles(string facilitators, string curators = "") => new()
    {
        ["Community:Facilitators"] = facilitators,
        ["Community:Curators"] = curators,
    };

    [Fact]
    public async Task A_role_removed_from_configuration_is_gone_at_the_next_turn_and_for_every_stored_member_at_start_up()
    {
        var host = await BotTestHost.StartAsync(Roles("msteams:29:fanny,msteams:29:gilles", "msteams:29:fanny"), listen: true);
        try
        {
            using (var client = host.CreateClient())
            {
                Assert.DoesNotContain("réservée", await new TeamsMember(client, _connector, "29:gilles", "Gilles", host: host).Says("profils partagés"));
                Assert.DoesNotContain("réservée", await new TeamsMember(client, _connector, "29:fanny", "Fanny", host: host).Says("questions sans réponse"));
            }
            Assert.Equal(["29:fanny", "29:gilles"], await HoldersAsync(host, MemberRoles.Facilitator));
            Assert.Equal(["29:fanny"], await HoldersAsync(host, MemberRoles.Curator));

            // Gilles is removed, Fanny is no longer curator: nobody has to speak for the stored roles to follow.
            host = await host.RestartAsync(Roles("msteams:29:fanny"), listen: true);
            Assert.Equal(["29:fanny"], await HoldersAsync(host, MemberRoles.Facilitator));
            Assert.Empty(await HoldersAsync(host, MemberRoles.Curator));
            using var again = host.CreateClient();
            Assert.Contains("réservée aux animateurs", await new TeamsMember(again, _connector, "29:gilles", "Gilles", host: host).Says("profils partagés"));
        }
        finally { await host.DisposeAsync(); }
    }

    [Fact]
    public async Task A_role_removed_while_the_bot_runs_is_gone_at_the_members_next_turn()
    {
        await using var host = await BotTestHost.StartAsync(Roles("test:fanny"));
        var fanny = new TestChat(host, "fanny", "Fanny");
        (await fanny.Says("statistiques caractérisation")).DoesNotSay("réservées");
        // As when an operator edits a configuration source while the bot runs.
        var configuration = (IConfigurationBuilder)host.Services.GetRequiredService<IConfiguration>();
        configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Community:Facilitators"] = "test:someone-else" });
        (await fanny.Says("statistiques caractérisation")).Answers("réservées aux animateurs");
        Assert.Empty(await HoldersAsync(host, MemberRoles.Facilitator));
    }

    [Fact]
    public async Task A_list_spread_over_two_sources_stops_the_start_with_a_french_message()
    {
        var data = Directory.CreateTempSubdirectory("communaute-roles-");
        try
        {
            // The file's list (indexed) and an environment variable "Community__Facilitators__2": merged by index, the
            // file's entries would silently stay.
            var builder = BotApp.CreateBuilder([$"--Storage:ConnectionString=Data Source={Path.Combine(data.FullName, "bot.db")}", "--Knowledge:WatchForChanges=false"]);
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Community:Facilitators:0"] = "webchat:*", ["Community:Facilitators:1"] = "terminal:*" });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Community:Facilitators:2"] = "slack:U0123" });
            var e = await Assert.ThrowsAsync<BotConfigurationException>(() => BotApp.BuildAsync(builder));
            Assert.Contains("Configuration ambiguë", e.Message);
            Assert.Contains("Community:Facilitators", e.Message);
            Assert.Contains("séparée par des virgules", e.Message);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            data.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_string_from_a_higher_source_replaces_the_list_as_a_whole_and_a_single_list_is_still_read()
    {
        var replaced = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Community:Facilitators"] = "webchat:*,terminal:*" })
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Community:Facilitators"] = "slack:U0123" })
            .Build();
        Assert.Equal(["slack:U0123"], ConfigList.Read(replaced, "Community:Facilitators"));

        var array = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Community:Facilitators:0"] = "slack:U1", ["Community:Facilitators:1"] = "msteams:29:1abc" })
            .Build();
        Assert.Equal(["slack:U1", "msteams:29:1abc"], ConfigList.Read(array, "Community:Facilitators"));

        var mixed = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Community:Facilitators:0"] = "webchat:*" })
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Community:Facilitators"] = "slack:U1" })
            .Build();
        Assert.Throws<BotConfigurationException>(() => ConfigList.Read(mixed, "Community:Facilitators"));
    }

    [Fact]
    public async Task Wildcards_give_a_role_in_development_only_and_the_shipped_settings_grant_none_in_production()
    {
        await using (var production = await BotTestHost.StartAsync(Roles("test:*")))
        {
            (await new TestChat(production, "visitor").Says("statistiques caractérisation")).Answers("réservées aux animateurs");
            Assert.Contains("Community:Facilitators = test:*", production.Services.GetRequiredService<RoleConfiguration>().Current.IgnoredWildcards);
        }
        var development = Roles("test:*");
        development["environment"] = "Development";
        await using (var host = await BotTestHost.StartAsync(development))
        {
            Assert.Equal("Development", host.App.Environment.EnvironmentName);
            Assert.Equal(["test:*"], host.Services.GetRequiredService<RoleConfiguration>().Current.Facilitators);
            (await new TestChat(host, "visitor").Says("statistiques caractérisation")).DoesNotSay("réservées");
        }

        // What ships: nothing in appsettings.json, the wildcards in appsettings.Development.json.
        var shipped = new ConfigurationBuilder().SetBasePath(AppContext.BaseDirectory).AddJsonFile("appsettings.json").Build();
        Assert.Empty(RoleAssignments.Read(shipped, development: false).Facilitators);
        var local = new ConfigurationBuilder().SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json").AddJsonFile("appsettings.Development.json").Build();
        Assert.Equal(["webchat:*", "terminal:*"], RoleAssignments.Read(local, development: true).Facilitators);
        Assert.Empty(RoleAssignments.Read(local, development: false).Facilitators);
    }

    [Fact]
    public async Task The_effective_lists_are_logged_at_start_up()
    {
        using var log = new LogFile();
        await using (var host = await BotTestHost.StartAsync(log.Settings(Roles("msteams:29:fanny,slack:U0123", "slack:U0456"))))
        {
        }
        Assert.Contains(await log.WaitForAsync(ls => ls.Any(l => l.Contains("Rôles en vigueur"))), l => l.Contains("Rôles en vigueur") && l.Contains("animateurs : msteams:29:fanny, slack:U0123") && l.Contains("curateurs : slack:U0456"));
    }

    private static async Task<List<string>> HoldersAsync(BotTestHost host, string role)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var members = await scope.ServiceProvider.GetRequiredService<RoleDirectory>().MembersWithRoleAsync(role, CancellationToken.None);
        return members.Select(m => m.ChannelUserId).Order().ToList();
    }
}
