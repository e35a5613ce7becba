namespace Communaute.Bot.Verbs.Bench;

/// <summary>One group of figures printed by `bench` (`bench NAME` runs only that one).</summary>
public interface IBenchmark
{
    string Name { get; }
    string Description { get; }
    Task RunAsync(BenchReport report, CancellationToken cancellationToken);
}
