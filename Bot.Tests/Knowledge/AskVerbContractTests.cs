using System.Text.Json.Nodes;
using Communaute.Bot.Tests.Infrastructure;

namespace Communaute.Bot.Tests.Knowledge;

/// <summary>`ask --json` as the evaluation harness runs it: questions on stdin, one JSON object a line, in the brief's format.</summary>
public sealed class AskVerbContractTests
{
    [Fact]
    public async Task Ask_json_reads_stdin_and_prints_one_object_per_question()
    {
        var bot = Path.Combine(AppContext.BaseDirectory, "Communaute.Bot.dll");
        var (code, output) = await ExternalTools.RunAsync("dotnet", [bot, "ask", "--json", $"--Knowledge:Folder={RepoPaths.KnowledgeBase}"],
            AppContext.BaseDirectory, "Qu'est-ce que le FISO ?\nComment faire un gâteau au chocolat ?\n\n", TimeSpan.FromMinutes(1), stdoutOnly: true);
        Assert.Equal(0, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);

        var first = JsonNode.Parse(lines[0])!.AsObject();
        Assert.Equal(["question", "answered", "answer", "sources", "elapsedMs"], first.Select(p => p.Key));
        Assert.True(first["answered"]!.GetValue<bool>());
        var source = first["sources"]![0]!.AsObject();
        Assert.Equal(["document", "title", "section", "excerpt", "score"], source.Select(p => p.Key));
        Assert.Contains("FISO", source["excerpt"]!.GetValue<string>());
        Assert.True(source["score"]!.GetValue<double>() > 0);
        Assert.True(first["elapsedMs"]!.GetValue<double>() >= 0);

        var second = JsonNode.Parse(lines[1])!.AsObject();
        Assert.False(second["answered"]!.GetValue<bool>());
        Assert.Empty(second["sources"]!.AsArray());
        Assert.False(JsonNode.Parse(lines[2])!["answered"]!.GetValue<bool>());
    }
}
