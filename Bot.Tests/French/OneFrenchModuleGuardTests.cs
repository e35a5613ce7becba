using System.Text.RegularExpressions;
using Communaute.Bot.Tests.Infrastructure;

namespace Communaute.Bot.Tests.French;

/// <summary>
/// French dates, month and day names and accent folding live in one module (the French project): a second month list,
/// a second folding or a second time format elsewhere in the source fails here.
/// </summary>
public sealed class OneFrenchModuleGuardTests
{
    private static readonly (string What, Regex Pattern)[] Forbidden =
    [
        ("une liste de noms de mois", new(@"janvier\W+f[eé]vrier", RegexOptions.IgnoreCase)),
        ("une liste de noms de jours", new(@"lundi\W+mardi", RegexOptions.IgnoreCase)),
        ("une décomposition Unicode (pliage des accents)", new(@"NormalizationForm\.FormD")),
        ("un format d'heure", new(@"""[^""]*(?:HH:mm(?!:ss)|HH'h'mm)[^""]*""")), // the log template's {Timestamp:HH:mm:ss} is not French text
        ("un format de date", new(@"""[^""]*(?:dddd|MMMM|dd/MM)[^""]*""")),
    ];

    [Fact]
    public void Month_names_folding_and_date_formats_appear_only_in_the_french_module()
    {
        var found = new List<string>();
        foreach (var project in new[] { "Bot", "Dialogs", "Knowledge" })
            foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, project), "*.cs", SearchOption.AllDirectories))
            {
                if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")) continue;
                var lines = File.ReadAllLines(file);
                for (var i = 0; i < lines.Length; i++)
                    foreach (var (what, pattern) in Forbidden)
                        if (pattern.IsMatch(lines[i]))
                            found.Add($"{Path.GetRelativePath(RepoPaths.Root, file)}:{i + 1} : {what}");
            }
        Assert.True(found.Count == 0, "À déplacer dans le module French :\n" + string.Join("\n", found));
    }
}
