using Communaute.Knowledge;
using Communaute.Knowledge.Answering;
using Communaute.Knowledge.Loading;
using Microsoft.Extensions.Logging.Abstractions;

namespace Communaute.Bot.Tests.Knowledge;

/// <summary>Curators edit Markdown files: a broken one is named with its line, the others are served, a reload needs no restart.</summary>
public sealed class KnowledgeLoadingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("kb-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_folder, name), text);

    private static string Entry(string title, string body, string extra = "") => $"""
        ---
        title: "{title}"
        source:
          document: "Document de test"
          publisher: "Avise"
          date: "2018"
        section: "Section A"
        tags: [test]
        questions:
          - "Qu'est-ce que {title} ?"
        {extra}
        ---
        {body}
        """;

    [Fact]
    public void A_malformed_file_is_named_with_its_line_and_the_rest_is_served()
    {
        Write("bon.md", Entry("La Fabrique à initiatives", "La Fabrique à initiatives fait émerger des entreprises sociales."));
        Write("casse.md", "---\ntitle: \"ok\"\nsource: [unterminated\n---\ncorps\n");
        Write("sans-entete.md", "Pas d'en-tête du tout.");

        var result = KnowledgeFolderLoader.Load(_folder);

        Assert.Single(result.Entries);
        Assert.Equal(2, result.Problems.Count);
        var broken = result.Problems.Single(p => p.File == "casse.md");
        Assert.True(broken.Line >= 3, $"ligne attendue ≥ 3, obtenue {broken.Line}");
        Assert.Contains("YAML", broken.Message);
        Assert.Contains(result.Problems, p => p.File == "sans-entete.md" && p.Line == 1);
    }

    [Fact]
    public void Missing_required_fields_are_reported()
    {
        Write("incomplet.md", "---\ntitle: \"Sans source\"\n---\nUn corps.\n");
        var problem = Assert.Single(KnowledgeFolderLoader.Load(_folder).Problems);
        Assert.Contains("source.document", problem.Message);
    }

    [Fact]
    public void Editing_a_file_and_reloading_changes_answers_without_restart()
    {
        Write("a.md", Entry("Le dispositif Alpha", "Le dispositif Alpha finance les études de faisabilité."));
        using var service = new KnowledgeService(_folder, new AnswerPolicy { MinLexicalScore = 0 }, NullLogger.Instance);
        Assert.False(service.Answer("Qu'est-ce que le dispositif Bêta ?").Answered);

        Write("b.md", Entry("Le dispositif Bêta", "Le dispositif Bêta accompagne les porteurs de projet en zone rurale."));
        service.Reload();

        var answer = service.Answer("Qu'est-ce que le dispositif Bêta ?");
        Assert.True(answer.Answered);
        Assert.Contains("zone rurale", answer.Text);
    }

    [Fact]
    public void Markdown_becomes_readable_plain_text()
    {
        var plain = MarkdownText.ToPlain("## Titre\n\n| Niveau | Description |\n|---|---|\n| **Fort** | [lien](http://x) |\n");
        Assert.Equal("Titre\n\nNiveau | Description\nFort | lien", plain);
    }
}
