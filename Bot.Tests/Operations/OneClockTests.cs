using System.Text.RegularExpressions;
using Communaute.Bot.Tests.Infrastructure;

namespace Communaute.Bot.Tests.Operations;

/// <summary>
/// Issue 17.7: the bot reads the time from the injected <see cref="TimeProvider"/> only, registered once; a test moves
/// that one clock and every part of the bot sees it move. The benchmarks (Bot/Verbs/Bench) measure on the wall clock.
/// </summary>
public sealed partial class OneClockTests
{
    private static readonly string[] ProductFolders = ["Bot", "Dialogs", "French", "Knowledge"];
    private static readonly string Benchmarks = Path.Combine("Bot", "Verbs", "Bench") + Path.DirectorySeparatorChar;
    private const string Registration = "services.AddSingleton(TimeProvider.System);";

    [GeneratedRegex(@"\b(DateTime|DateTimeOffset)\.(Utc)?Now\b|\bDateTime\.Today\b|\bTimeProvider\.System\b|\bSystemClock\.Instance\b|\bIClock\b")]
    private static partial Regex OtherClock();

    [Fact]
    public void The_product_reads_the_time_only_from_the_injected_TimeProvider_registered_once()
    {
        var found = ProductFolders
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, folder), "*.cs", SearchOption.AllDirectories))
            .Select(path => Path.GetRelativePath(RepoPaths.Root, path))
            .Where(path => !path.StartsWith(Benchmarks, StringComparison.Ordinal) && !path.Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj"))
            .SelectMany(path => File.ReadLines(Path.Combine(RepoPaths.Root, path)).Select((text, i) => (Path: path, Line: i + 1, Text: text.Trim())))
            .Where(l => !l.Text.StartsWith("//", StringComparison.Ordinal) && OtherClock().IsMatch(l.Text))
            .ToList();

        var registrations = found.Where(l => l.Text == Registration).ToList();
        var others = found.Except(registrations).Select(l => $"{l.Path}:{l.Line}: {l.Text}").ToList();
        Assert.True(others.Count == 0, "Horloge lue ailleurs que dans le TimeProvider injecté :\n" + string.Join("\n", others));
        Assert.Equal(Path.Combine("Bot", "Hosting", "BotApp.cs"), Assert.Single(registrations).Path);
    }
}
