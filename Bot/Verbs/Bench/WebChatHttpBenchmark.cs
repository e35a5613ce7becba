namespace Communaute.Bot.Verbs.Bench;

public sealed class WebChatHttpBenchmark : IBenchmark
{
    public string Name => "http";
    public string Description => "tours HTTP par seconde sur la page locale";

    public Task RunAsync(BenchReport report, CancellationToken cancellationToken) => Task.CompletedTask;
}
