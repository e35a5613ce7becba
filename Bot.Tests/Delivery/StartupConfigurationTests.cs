using System.Diagnostics;
using Communaute.Bot.Hosting;
using Communaute.Bot.Tests.Infrastructure;

namespace Communaute.Bot.Tests.Delivery;

/// <summary>Configuration mistakes stop the bot at start-up with a French message, not at the first request.</summary>
public sealed class StartupConfigurationTests
{
    [Theory]
    [InlineData("Teams:AppId", "11111111-2222-3333-4444-555555555555", "Teams:AppPassword est vide")]
    [InlineData("Storage:Provider", "Mongo", "Storage:Provider vaut « Mongo »")]
    [InlineData("Community:DefaultTimeZone", "Europe/Pariss", "n'est pas un fuseau horaire IANA")]
    public async Task A_wrong_setting_fails_at_start_up_with_a_clear_message(string key, string value, string message)
    {
        var error = await Assert.ThrowsAsync<ConfigurationErrorException>(() => BotTestHost.StartAsync(new Dictionary<string, string?> { [key] = value }));
        Assert.Contains(message, error.Message);
        Assert.StartsWith("Configuration invalide", error.Message);
    }

    /// <summary>Issue 20.6: every address a channel calls or gives out, and the secrets of a channel that is on.</summary>
    [Theory]
    [InlineData("Teams:AppId=11111111-2222-3333-4444-555555555555;Teams:AppPassword=s;Teams:Authority=http://login.microsoftonline.com/t", "Teams:Authority vaut « http://login.microsoftonline.com/t »")]
    [InlineData("Teams:OpenIdMetadataUrl=http://login.botframework.com/v1/.well-known/openidconfiguration", "http n'est admis que sur la boucle locale")]
    [InlineData("Teams:Authority=login.microsoftonline.com/tenant", "une adresse absolue en https est attendue")]
    [InlineData("Teams:ServiceUrlHosts:0=https://smba.trafficmanager.net/", "des noms d'hôte sont attendus")]
    [InlineData("Slack:ApiBaseUrl=http://slack.com/api/;Slack:BotToken=xoxb-1", "Slack:ApiBaseUrl vaut « http://slack.com/api/ »")]
    [InlineData("Slack:ResponseUrlPrefixes:0=http://hooks.slack.com/", "vaut « http://hooks.slack.com/ »")]
    [InlineData("Community:PublicBaseUrl=bot.example.org", "Community:PublicBaseUrl vaut « bot.example.org »")]
    [InlineData("Community:PublicBaseUrl=http://bot.example.org", "Community:PublicBaseUrl vaut « http://bot.example.org »")]
    [InlineData("Community:PublicBaseUrl=ftp://bot.example.org", "une adresse absolue en https est attendue")]
    [InlineData("Slack:SigningSecret=abc", "Slack:BotToken est vide")]
    [InlineData("Slack:SocketMode=true;Slack:BotToken=xoxb-1", "Slack:AppToken est vide")]
    public async Task A_channel_address_that_is_not_https_or_a_missing_secret_stops_the_start(string settings, string message)
    {
        var config = settings.Split(';').Select(kv => kv.Split('=', 2)).ToDictionary(kv => kv[0], kv => (string?)kv[1]);
        var error = await Assert.ThrowsAsync<ConfigurationErrorException>(() => BotTestHost.StartAsync(config));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public async Task Http_addresses_on_loopback_are_accepted_for_local_fakes()
    {
        await using var host = await BotTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Teams:OpenIdMetadataUrl"] = "http://127.0.0.1:5999/openid", ["Teams:Authority"] = "http://localhost:5999/tenant",
            ["Slack:ApiBaseUrl"] = "http://[::1]:5998/api/", ["Slack:BotToken"] = "xoxb-1", ["Community:PublicBaseUrl"] = "http://127.0.0.1:3978",
        });
        Assert.NotNull(host.App);
    }

    [Fact]
    public async Task The_program_says_why_and_exits_without_a_stack_trace()
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "Communaute.Bot.dll"), "--urls=http://127.0.0.1:0", "--Storage:Provider=Oracle",
                                  "--Teams:AppId=abc", $"--Knowledge:Folder={RepoPaths.KnowledgeBase}" })
            psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000));
        Assert.Equal(2, process.ExitCode);
        var said = await stderr;
        Assert.Contains("Storage:Provider vaut « Oracle »", said);
        Assert.Contains("Teams:AppPassword est vide", said);
        Assert.DoesNotContain("   at ", said + await stdout);
    }
}
