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

    public static string Entry(string title, string body, string tags = "[test]", string id = "test/fiche") => $"""
        ---
        id: "{id}"
        title: "{title}"
        source:
          document: "Document de test"
          publisher: "Avise"
          date: "2018"
          licence: "Non précisée"
          link: ""
        section: "Section A"
        tags: {tags}
        questions:
          - "Qu'est-ce que {title} ?"
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
        Assert.DoesNotContain("Exception", broken.Message);
        Assert.Contains(result.Problems, p => p.File == "sans-entete.md" && p.Line == 1);
    }

    [Fact]
    public void Missing_required_fields_are_reported()
    {
        Write("incomplet.md", "---\nid: \"x/incomplet\"\ntitle: \"Sans source\"\nsection: \"S\"\ntags: []\nquestions: []\n---\nUn corps.\n");
        var problem = Assert.Single(KnowledgeFolderLoader.Load(_folder).Problems);
        Assert.Equal("la clé obligatoire « source » manque", problem.Message);
    }

    [Fact]
    public void A_type_error_in_the_front_matter_is_named_in_french_with_its_line()
    {
        // Line 4 of the file: "tags: test" (a word, not a list).
        Write("type.md", Entry("Le dispositif Gamma", "Le dispositif Gamma finance des études.", tags: "test"));
        var problem = Assert.Single(KnowledgeFolderLoader.Load(_folder).Problems);
        Assert.Equal("type.md, ligne 11 : « tags » doit être une liste", problem.ToString());
    }

    [Theory]
    [InlineData("title", "id: \"x/y\"\nsource:\n  document: \"D\"\n  publisher: \"P\"\n  date: \"2018\"\n  licence: \"L\"\n  link: \"\"\nsection: \"S\"\ntags: []\nquestions: []", "la clé obligatoire « title » manque")]
    [InlineData("source.licence", "id: \"x/y\"\ntitle: \"T\"\nsource:\n  document: \"D\"\n  publisher: \"P\"\n  date: \"2018\"\n  link: \"\"\nsection: \"S\"\ntags: []\nquestions: []", "la clé obligatoire « source.licence » manque")]
    [InlineData("questions", "id: \"x/y\"\ntitle: \"T\"\nsource:\n  document: \"D\"\n  publisher: \"P\"\n  date: \"2018\"\n  licence: \"L\"\n  link: \"\"\nsection: \"S\"\ntags: []\nquestions: \"une seule\"", "« questions » doit être une liste")]
    [InlineData("titel", "id: \"x/y\"\ntitel: \"T\"\nsource:\n  document: \"D\"\n  publisher: \"P\"\n  date: \"2018\"\n  licence: \"L\"\n  link: \"\"\nsection: \"S\"\ntags: []\nquestions: []", "clé « titel » inconnue")]
    public void Every_key_the_curators_readme_lists_is_checked(string key, string header, string message)
    {
        Write(key + ".md", "---\n" + header + "\n---\nUn corps.\n");
        var problem = Assert.Single(KnowledgeFolderLoader.Load(_folder).Problems);
        Assert.StartsWith(message, problem.Message);
    }

    [Fact]
    public void The_curators_readme_lists_the_keys_that_are_checked()
    {
        var readme = File.ReadAllText(Path.Combine(Communaute.Bot.Tests.Infrastructure.RepoPaths.KnowledgeBase, "README.md"));
        foreach (var key in new[] { "id", "title", "source", "document", "publisher", "date", "licence", "link", "section", "tags", "questions" })
            Assert.Contains(key + ":", readme);
    }

    [Fact]
    public async Task Concurrent_reloads_are_serialised_and_coalesced()
    {
        // The bundled base takes long enough to load that the requests arrive while the first reload runs.
        var bundled = Communaute.Bot.Tests.Infrastructure.RepoPaths.KnowledgeBase;
        foreach (var file in Directory.EnumerateFiles(bundled, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(_folder, Path.GetRelativePath(bundled, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy, overwrite: true);
        }
        using var service = new KnowledgeService(_folder, null, NullLogger.Instance);
        // A curator's edit: without one, a reload has nothing to build.
        File.AppendAllText(Directory.EnumerateFiles(_folder, "*.md", SearchOption.AllDirectories).First(f => !f.EndsWith("README.md")), "\nUne phrase ajoutée.\n");
        var loadsBefore = service.Loads;
        var first = service.ReloadAsync();
        var others = Enumerable.Range(0, 40).Select(_ => service.ReloadAsync()).ToArray();
        var snapshots = await Task.WhenAll(others.Prepend(first));
        Assert.InRange(service.Loads - loadsBefore, 1, 2);
        Assert.Same(service.Current, snapshots[^1]);
        Assert.True(service.Answer("Qu'est-ce que le FISO ?").Answered);
    }

    [Fact]
    public void Editing_a_file_and_reloading_changes_answers_without_restart()
    {
        Write("a.md", Entry("Le dispositif Alpha", "Le dispositif Alpha finance les études de faisabilité."));
        using var service = new KnowledgeService(_folder, new AnswerPolicy { MinLexicalScore = 0 }, NullLogger.Instance);
        Assert.False(service.Answer("Qu'est-ce que le dispositif Bêta ?").Answered);

        Write("b.md", Entry("Le dispositif Bêta", "Le dispositif Bêta accompagne les porteurs de projet en zone rurale.", id: "test/beta"));
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
