namespace Communaute.Bot.Tests.Security;

/// <summary>The bot's log written to a file (Serilog's file sink, configured like an operator would), for tests that read it.</summary>
public sealed class LogFile : IDisposable
{
    public const string Template = "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}";

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"communaute-log-{Guid.NewGuid():N}.log");

    /// <summary>Host settings that send the log to <see cref="Path"/>, merged into <paramref name="others"/>.</summary>
    public Dictionary<string, string?> Settings(IDictionary<string, string?>? others = null)
    {
        var settings = new Dictionary<string, string?>(others ?? new Dictionary<string, string?>())
        {
            ["Serilog:WriteTo:0:Name"] = "File",
            ["Serilog:WriteTo:0:Args:path"] = Path,
            ["Serilog:WriteTo:0:Args:outputTemplate"] = Template,
            ["Serilog:WriteTo:0:Args:flushToDiskInterval"] = "00:00:00.1",
            ["Serilog:WriteTo:0:Args:buffered"] = "false",
        };
        return settings;
    }

    public string Read()
    {
        if (!File.Exists(Path)) return "";
        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return new StreamReader(stream).ReadToEnd();
    }

    public IReadOnlyList<string> Lines => Read().Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The lines once <paramref name="done"/> holds for them (the sink writes asynchronously), or after 15 s.</summary>
    public async Task<IReadOnlyList<string>> WaitForAsync(Func<IReadOnlyList<string>, bool> done)
    {
        var until = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var lines = Lines;
            if (done(lines) || DateTime.UtcNow > until) return lines;
            await Task.Delay(50);
        }
    }

    /// <summary>Error lines with what follows them (stack traces), for an assertion message.</summary>
    public string Errors()
    {
        var lines = Read().Split('\n');
        var errors = new List<string>();
        for (var i = 0; i < lines.Length && errors.Count < 80; i++)
            if (lines[i].Contains(" ERR]") || lines[i].Contains(" FTL]"))
                errors.AddRange(lines.Skip(i).Take(14));
        return string.Join('\n', errors);
    }

    public void Dispose()
    {
        try { File.Delete(Path); } catch (IOException) { }
    }
}
