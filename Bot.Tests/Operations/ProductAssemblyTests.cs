namespace Communaute.Bot.Tests.Operations;

/// <summary>The running bot carries no test or bench harness: fakes live in Communaute.Fakes, benches in Communaute.Bench.</summary>
public sealed class ProductAssemblyTests
{
    [Fact]
    public void The_bot_assembly_contains_no_bench_and_no_fake()
    {
        var strays = typeof(Hosting.BotApp).Assembly.GetTypes()
            .Where(t => t.Namespace?.Contains("Bench", StringComparison.Ordinal) == true || t.Name.StartsWith("Fake", StringComparison.Ordinal))
            .Select(t => t.FullName)
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Empty(strays);
    }
}
