namespace Communaute.Bot.Security;

/// <summary>A configuration problem the bot refuses to start with; the message says, in French, what to change.</summary>
public sealed class BotConfigurationException(string message) : Exception(message);

/// <summary>
/// Reads a list setting such as <c>Community:Facilitators</c> without ASP.NET's merge of arrays by index, which lets
/// <c>Community__Facilitators__2=…</c> silently keep the file's entries 0 and 1. The documented shape is one string,
/// comma-separated, which a higher source (environment, command line) replaces as a whole. A JSON array (or indexed
/// keys) is still accepted when a single source defines the whole list; a list spread over several sources, or given
/// both as a string and as indexed keys, stops the start-up with a message naming the sources.
/// </summary>
public static class ConfigList
{
    private static readonly char[] Separators = [',', ';', '\n'];

    public static IReadOnlyList<string> Read(IConfiguration configuration, string key)
    {
        if (configuration is not IConfigurationRoot root)
            return Split(configuration[key]).Concat(configuration.GetSection(key).GetChildren().SelectMany(c => Split(c.Value))).Distinct().ToList();

        // What each source says: a whole string, or indexed entries. Sources saying the very same thing count once
        var said = new List<(IConfigurationProvider Provider, string? Value, IReadOnlyList<(string Key, string Value)>? Entries)>();
        foreach (var provider in root.Providers)
        {
            if (provider.TryGet(key, out var value) && !string.IsNullOrWhiteSpace(value)) said.Add((provider, value, null));
            var entries = provider.GetChildKeys([], key).Distinct()
                .Select(child => (Key: child, Value: provider.TryGet($"{key}:{child}", out var v) ? v ?? "" : ""))
                .Where(e => !string.IsNullOrWhiteSpace(e.Value))
                .OrderBy(e => int.TryParse(e.Key, out var n) ? n : int.MaxValue).ThenBy(e => e.Key, StringComparer.Ordinal)
                .ToList();
            if (entries.Count > 0) said.Add((provider, null, entries));
        }
        // (the last occurrence keeps its rank: the host reads the command line early, and again last).
        var distinct = said.AsEnumerable().Reverse()
            .DistinctBy(s => s.Value ?? string.Join("\n", s.Entries!.Select(e => $"{e.Key}={e.Value}"))).Reverse().ToList();
        if (distinct.Any(s => s.Entries is not null) && distinct.Count > 1)
        {
            var sources = distinct.Select(s => Describe(s.Provider)).Distinct();
            throw new BotConfigurationException(
                $"Configuration ambiguë : « {key} » est défini à plusieurs endroits ({string.Join(" ; ", sources)}) et au moins l'un " +
                "d'eux en liste indexée (tableau JSON, ou variables « __0 », « __1 »…). ASP.NET fusionne ces listes élément par " +
                "élément : une entrée ajoutée ici garderait en silence celles d'ailleurs. Donnez la liste en un seul endroit, " +
                $"de préférence comme une seule chaîne séparée par des virgules (par exemple {key.Replace(":", "__")}=\"slack:U0123,msteams:29:1abc\").");
        }
        if (distinct.Count == 0) return [];
        // One list, or plain strings: the last (highest-priority) source replaces the others, as for any setting.
        var chosen = distinct[^1];
        return (chosen.Entries?.SelectMany(e => Split(e.Value)) ?? Split(chosen.Value)).Distinct().ToList();
    }

    public static IEnumerable<string> Split(string? value) =>
        (value ?? "").Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string Describe(IConfigurationProvider provider) => provider switch
    {
        Microsoft.Extensions.Configuration.Json.JsonConfigurationProvider json => $"fichier {json.Source.Path}",
        Microsoft.Extensions.Configuration.EnvironmentVariables.EnvironmentVariablesConfigurationProvider => "variables d'environnement",
        Microsoft.Extensions.Configuration.CommandLine.CommandLineConfigurationProvider => "ligne de commande",
        _ => provider.ToString() ?? provider.GetType().Name,
    };
}
