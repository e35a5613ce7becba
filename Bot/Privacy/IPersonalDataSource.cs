using System.Text;

namespace Communaute.Bot.Privacy;

/// <summary>
/// A part of the bot that holds data about members. Every feature with personal data registers one, so that
/// "mes données" exports all of it and "supprimer mes données" deletes all of it.
/// </summary>
public interface IPersonalDataSource
{
    /// <summary>Name of the section in the export (a table or a group of tables): a JSON key, e.g. "questionsSansReponse".</summary>
    string Name { get; }

    /// <summary>What a member reads for this section in the "mes données" card, e.g. "Questions sans réponse".</summary>
    string Label => PersonalDataLabels.FromName(Name);

    /// <summary>The member's rows, as plain objects serialisable to JSON.</summary>
    Task<IReadOnlyList<object>> ExportAsync(long memberId, CancellationToken cancellationToken);

    /// <summary>Deletes the member's rows; returns how many were deleted. Rows another member still needs stay.</summary>
    Task<int> DeleteAsync(long memberId, CancellationToken cancellationToken);

    /// <summary>Lower runs first at deletion (rows that refer to others go first).</summary>
    int DeleteOrder => 500;
}

public static class PersonalDataLabels
{
    /// <summary>"slackRequetesRecues" → "Slack requetes recues", for a source that gives no label of its own.</summary>
    public static string FromName(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        foreach (var c in name)
        {
            if (char.IsUpper(c) && sb.Length > 0) sb.Append(' ').Append(char.ToLowerInvariant(c));
            else sb.Append(sb.Length == 0 ? char.ToUpperInvariant(c) : c);
        }
        return sb.ToString();
    }
}
