namespace Communaute.Bot.Privacy;

/// <summary>
/// A part of the bot that holds data about members. Every feature with personal data registers one, so that
/// "mes données" exports all of it and "supprimer mes données" deletes all of it.
/// </summary>
public interface IPersonalDataSource
{
    /// <summary>Name of the section in the export (a table or a group of tables).</summary>
    string Name { get; }

    /// <summary>The member's rows, as plain objects serialisable to JSON.</summary>
    Task<IReadOnlyList<object>> ExportAsync(long memberId, CancellationToken cancellationToken);

    /// <summary>Deletes the member's rows; returns how many were deleted.</summary>
    Task<int> DeleteAsync(long memberId, CancellationToken cancellationToken);

    /// <summary>Lower runs first at deletion (rows that refer to others go first).</summary>
    int DeleteOrder => 500;
}
