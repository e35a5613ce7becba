using System.Text.Encodings.Web;
using System.Text.Json;

namespace Communaute.Bot.Privacy;

/// <summary>Gathers or deletes everything the bot holds about one member, across every registered source.</summary>
public sealed class PersonalDataService(IEnumerable<IPersonalDataSource> sources)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The export as JSON (sections by <see cref="IPersonalDataSource.Name"/>) and the row count of each section.</summary>
    public async Task<(string Json, IReadOnlyDictionary<string, int> Counts)> ExportAsync(long memberId, string generatedAt, CancellationToken ct)
    {
        var sections = new Dictionary<string, object> { ["genereLe"] = generatedAt };
        var counts = new Dictionary<string, int>();
        foreach (var source in sources.OrderBy(s => s.Name, StringComparer.Ordinal))
        {
            var rows = await source.ExportAsync(memberId, ct);
            sections[source.Name] = rows;
            counts[source.Name] = rows.Count;
        }
        return (JsonSerializer.Serialize(sections, Json), counts);
    }

    /// <summary>Deletes the member's rows everywhere; the count deleted by section name.</summary>
    public async Task<IReadOnlyDictionary<string, int>> DeleteAsync(long memberId, CancellationToken ct)
    {
        var counts = new Dictionary<string, int>();
        foreach (var source in sources.OrderBy(s => s.DeleteOrder))
            counts[source.Name] = await source.DeleteAsync(memberId, ct);
        return counts;
    }

    /// <summary>What a member reads for a section ("Questions sans réponse" for "questionsSansReponse").</summary>
    public string LabelOf(string name) => sources.FirstOrDefault(s => s.Name == name)?.Label ?? PersonalDataLabels.FromName(name);
}
