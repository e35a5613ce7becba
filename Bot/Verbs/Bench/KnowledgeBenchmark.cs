namespace Communaute.Bot.Verbs.Bench;

public sealed class KnowledgeBenchmark : IBenchmark
{
    public string Name => "qa";
    public string Description => "réponses de la base de connaissances (en processus)";

    public Task RunAsync(BenchReport report, CancellationToken cancellationToken) => Task.CompletedTask;
}
