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
