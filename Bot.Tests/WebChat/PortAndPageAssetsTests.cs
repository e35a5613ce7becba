using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Communaute.Bot.Hosting;
using Communaute.Bot.Tests.Infrastructure;

namespace Communaute.Bot.Tests.WebChat;

/// <summary>What a newcomer meets before the first message: the port they choose is the port used, and the page loads whole.</summary>
public sealed class PortAndPageAssetsTests
{
    [Fact]
    public void Launch_settings_do_not_pin_the_port_so_ASPNETCORE_URLS_and_urls_win_and_3978_stays_the_default()
    {
        var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepoPaths.Root, "Bot", "Properties", "launchSettings.json")),
            new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        foreach (var profile in settings.RootElement.GetProperty("profiles").EnumerateObject())
        {
            // `dotnet run` turns applicationUrl into ASPNETCORE_URLS, over the one the person set.
            Assert.False(profile.Value.TryGetProperty("applicationUrl", out _), $"Le profil « {profile.Name} » fixe applicationUrl.");
            if (profile.Value.TryGetProperty("environmentVariables", out var env))
                Assert.False(env.TryGetProperty("ASPNETCORE_URLS", out _), $"Le profil « {profile.Name} » fixe ASPNETCORE_URLS.");
        }
        Assert.Equal("http://localhost:3978", BotApp.DefaultUrl);
    }

    [SkippableFact]
    public async Task Dotnet_run_listens_on_the_port_given_by_ASPNETCORE_URLS()
    {
        var botProject = Path.Combine(RepoPaths.Root, "Bot");
        Skip.IfNot(File.Exists(Path.Combine(botProject, "bin", "Debug", "net10.0", "Communaute.Bot.dll")), "le bot n'est pas construit en Debug");
        var port = FreePort();
        var data = Directory.CreateTempSubdirectory("communaute-port-").FullName;
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = data };
        foreach (var a in new[] { "run", "--no-build", "--project", botProject }) psi.ArgumentList.Add(a);
        psi.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        psi.Environment["Storage__ConnectionString"] = $"Data Source={Path.Combine(data, "bot.db")}";
        psi.Environment["Delivery__Scheduler__Enabled"] = "false";
        using var process = Process.Start(psi)!;
        var log = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var deadline = DateTime.UtcNow.AddSeconds(120);
            HttpStatusCode? status = null;
            while (DateTime.UtcNow < deadline && !process.HasExited && status is null)
            {
                try { status = (await http.GetAsync($"http://127.0.0.1:{port}/")).StatusCode; }
                catch (HttpRequestException) { await Task.Delay(500); }
                catch (TaskCanceledException) { }
            }
            string text;
            lock (log) text = log.ToString();
            Assert.True(status == HttpStatusCode.OK, $"Rien n'écoute sur {port} (statut {status}) :\n{text}");
            Assert.Contains($"127.0.0.1:{port}", text);
            Assert.DoesNotContain(":3978", text);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            try { Directory.Delete(data, recursive: true); } catch (IOException) { }
        }
    }

    [SkippableFact]
    public async Task The_page_loads_without_a_single_missing_file_favicon_included()
    {
        await using var host = await BotTestHost.StartAsync(listen: true);
        await using var browser = await ChatBrowser.LaunchAsync(host);
        var failed = new List<string>();
        browser.Context.Response += (_, r) => { if (r.Status >= 400) lock (failed) failed.Add($"{r.Status} {r.Url}"); };
        var page = await browser.OpenAsync();
        var icon = await page.EvaluateAsync<string?>("() => { const l = document.querySelector('link[rel~=icon]'); return l && l.href; }");
        Assert.NotNull(icon);
        var response = await page.APIRequest.GetAsync(icon!);
        Assert.Equal(200, response.Status);
        Assert.StartsWith("image/", response.Headers["content-type"]);
        // Chromium asks for the icon after the load: give it the time to.
        await page.WaitForTimeoutAsync(1000);
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(host.BaseAddress!, "favicon.ico"))).StatusCode);
        lock (failed) Assert.True(failed.Count == 0, string.Join("\n", failed));
        Assert.Empty(browser.Problems);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
