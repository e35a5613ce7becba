using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Communaute.Knowledge.Loading;

/// <summary>The YAML header of a knowledge file, as curators write it (every key required, see base/README.md).</summary>
internal sealed record FrontMatter(string Id, string Title, FrontMatterSource Source, string Section, List<string> Tags, List<string> Questions, List<string> Situations);

internal sealed record FrontMatterSource(string Document, string Publisher, string Date, string Licence, string Link);

/// <summary>
/// Reads the header key by key and checks each value's shape, so a curator reads "ligne 4 : « tags » doit être une
/// liste" rather than a deserialiser's message. The keys and their shapes are the ones the curators' README lists.
/// </summary>
internal static class FrontMatterReader
{
    private static readonly string[] TopKeys = ["id", "title", "source", "section", "tags", "questions"];

    /// <summary>Keys a file may leave out (a fiche not yet given its members' questions still loads).</summary>
    private static readonly string[] OptionalKeys = ["situations"];
    private static readonly string[] SourceKeys = ["document", "publisher", "date", "licence", "link"];

    /// <summary>Keys whose value may be empty ("link: \"\"").</summary>
    private static readonly HashSet<string> MayBeEmpty = ["source.link"];

    /// <param name="yaml">The header's text, without the "---" lines.</param>
    /// <param name="firstLine">The file line of the header's first line (2: after the opening "---").</param>
    public static (FrontMatter? Header, LoadProblem? Problem) Read(string file, string yaml, int firstLine)
    {
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode mapping)
                return (null, new LoadProblem(file, firstLine, "l'en-tête doit être une suite de lignes « clé: valeur »"));
            root = mapping;
        }
        catch (YamlException e)
        {
            return (null, new LoadProblem(file, (int)e.Start.Line - 1 + firstLine, "en-tête YAML illisible : " + French(e)));
        }

        int LineOf(YamlNode node) => (int)node.Start.Line - 1 + firstLine;
        LoadProblem Problem(YamlNode node, string message) => new(file, LineOf(node), message);

        if (Unknown(root, [.. TopKeys, .. OptionalKeys]) is { } unknownTop)
            return (null, Problem(unknownTop, $"clé « {((YamlScalarNode)unknownTop).Value} » inconnue (clés attendues : {string.Join(", ", TopKeys.Concat(OptionalKeys))})"));
        foreach (var key in TopKeys)
            if (!root.Children.ContainsKey(new YamlScalarNode(key)))
                return (null, new LoadProblem(file, firstLine, $"la clé obligatoire « {key} » manque"));

        LoadProblem? problem = null;
        var id = Text(root, "id");
        var title = Text(root, "title");
        var section = Text(root, "section");
        var tags = List(root, "tags");
        var questions = List(root, "questions");
        var situations = root.Children.ContainsKey(new YamlScalarNode("situations")) ? List(root, "situations") : [];
        if (problem is not null) return (null, problem);

        var sourceNode = root.Children[new YamlScalarNode("source")];
        if (sourceNode is not YamlMappingNode source)
            return (null, Problem(sourceNode, "« source » doit contenir les clés document, publisher, date, licence et link, une par ligne"));
        if (Unknown(source, SourceKeys) is { } unknownSource)
            return (null, Problem(unknownSource, $"clé « source.{((YamlScalarNode)unknownSource).Value} » inconnue (clés attendues : {string.Join(", ", SourceKeys)})"));
        foreach (var key in SourceKeys)
            if (!source.Children.ContainsKey(new YamlScalarNode(key)))
                return (null, Problem(source, $"la clé obligatoire « source.{key} » manque"));
        var document = Text(source, "document", "source.");
        var publisher = Text(source, "publisher", "source.");
        var date = Text(source, "date", "source.");
        var licence = Text(source, "licence", "source.");
        var link = Text(source, "link", "source.");
        if (problem is not null) return (null, problem);

        return (new FrontMatter(id, title, new FrontMatterSource(document, publisher, date, licence, link), section, tags, questions, situations), null);

        // Each check keeps the first problem met, in the order of the file's keys.
        string Text(YamlMappingNode map, string key, string prefix = "")
        {
            var node = map.Children[new YamlScalarNode(key)];
            if (node is not YamlScalarNode scalar)
            {
                problem ??= Problem(node, $"« {prefix}{key} » doit être un texte sur une ligne, entre guillemets");
                return "";
            }
            var value = scalar.Value?.Trim() ?? "";
            if (value.Length == 0 && !MayBeEmpty.Contains(prefix + key))
                problem ??= Problem(node, $"« {prefix}{key} » est vide");
            return value;
        }

        List<string> List(YamlMappingNode map, string key)
        {
            var node = map.Children[new YamlScalarNode(key)];
            if (node is not YamlSequenceNode sequence)
            {
                problem ??= Problem(node, $"« {key} » doit être une liste");
                return [];
            }
            var values = new List<string>();
            foreach (var item in sequence.Children)
            {
                if (item is not YamlScalarNode s)
                {
                    problem ??= Problem(item, $"chaque élément de « {key} » doit être un texte");
                    continue;
                }
                if (!string.IsNullOrWhiteSpace(s.Value)) values.Add(s.Value.Trim());
            }
            return values;
        }
    }

    private static YamlNode? Unknown(YamlMappingNode map, string[] known) =>
        map.Children.Keys.FirstOrDefault(k => k is not YamlScalarNode s || !known.Contains(s.Value));

    /// <summary>YamlDotNet's messages are English; the common ones get a French word, the rest is kept after it.</summary>
    private static string French(YamlException e)
    {
        var message = (e.InnerException ?? e).Message;
        if (message.Contains("mapping values are not allowed", StringComparison.OrdinalIgnoreCase))
            return "un « : » dans une valeur sans guillemets (mettez la valeur entre guillemets doubles)";
        if (message.Contains("did not find expected", StringComparison.OrdinalIgnoreCase))
            return "crochet, guillemet ou indentation non refermé (" + message + ")";
        return message;
    }
}
