using System.Diagnostics;

namespace Communaute.Bot.Tests.Infrastructure;

/// <summary>
/// The third-party programs tests prove the bot against: Node.js packages (installed here by `npm ci`
/// into Bot.Tests/tools on first use) and Debian's Chromium. Missing on a developer machine, the test
/// is skipped with the reason; missing in CI (CI=true), it fails.
/// </summary>
public static class ExternalTools
{
    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private static bool _installed;

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string ChromiumPath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";

    /// <summary>Skips (or fails in CI) when Chromium is not installed.</summary>
    public static void RequireChromium() => Require(File.Exists(ChromiumPath),
        $"Chromium introuvable ({ChromiumPath}) : apt-get install -y chromium");

    /// <summary>Skips (or fails in CI) when a program of a Debian package is not installed (e.g. pdftoppm, poppler-utils).</summary>
    public static void RequireProgram(string program, string debianPackage) => Require(OnPath(program),
        $"{program} introuvable : apt-get install -y {debianPackage}");

    /// <summary>
    /// A connection string to a PostgreSQL server for the tests (COMMUNAUTE_TEST_POSTGRES, set by .ci/run through
    /// .ci/start-postgres.sh). Skips (or fails in CI) without one.
    /// </summary>
    public static string RequirePostgres()
    {
        var connection = Environment.GetEnvironmentVariable("COMMUNAUTE_TEST_POSTGRES");
        Require(!string.IsNullOrWhiteSpace(connection), "pas de serveur PostgreSQL de test : eval \"$(.ci/start-postgres.sh)\"");
        return connection!;
    }

    /// <summary>Installs the npm test tools once; skips (or fails in CI) when node/npm are missing.</summary>
    public static async Task RequireNodeToolsAsync()
    {
        Require(OnPath("node") && OnPath("npm"), "node et npm sont nécessaires à ce test");
        await InstallLock.WaitAsync();
        try
        {
            if (_installed) return;
            var marker = Path.Combine(RepoPaths.TestTools, "node_modules", ".package-lock.json");
            var lockFile = Path.Combine(RepoPaths.TestTools, "package-lock.json");
            if (!File.Exists(marker) || File.GetLastWriteTimeUtc(marker) < File.GetLastWriteTimeUtc(lockFile))
            {
                var (code, output) = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], RepoPaths.TestTools, null, TimeSpan.FromMinutes(5));
                if (code != 0) throw new InvalidOperationException("npm ci a échoué dans Bot.Tests/tools :\n" + output);
            }
            _installed = true;
        }
        finally { InstallLock.Release(); }
    }

    /// <summary>Runs a Node script of Bot.Tests/tools with the given standard input; returns its standard output.</summary>
    public static async Task<string> NodeAsync(string script, string stdin, params string[] args)
    {
        await RequireNodeToolsAsync();
        var (code, output) = await RunAsync("node", [script, .. args], RepoPaths.TestTools, stdin, TimeSpan.FromMinutes(2), stdoutOnly: true);
        if (code != 0) throw new InvalidOperationException($"node {script} a échoué ({code}) :\n{output}");
        return output;
    }

    public static async Task<(int Code, string Output)> RunAsync(string file, IEnumerable<string> args, string workingDirectory,
        string? stdin, TimeSpan timeout, bool stdoutOnly = false)
    {
        var psi = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null) await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        using var cts = new CancellationTokenSource(timeout);
        try { await process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} n'a pas fini en {timeout.TotalSeconds} s");
        }
        return (process.ExitCode, stdoutOnly ? await stdout : await stdout + await stderr);
    }

    private static void Require(bool condition, string reason)
    {
        if (condition) return;
        if (InCi) Assert.Fail(reason + " (CI=true : ce test ne peut pas être sauté)");
        Skip.If(true, reason);
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, program)));
}
