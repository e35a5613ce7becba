namespace Communaute.Bot.Storage;

/// <summary>What a SQL statement does, read from its text (the bot's own statements, EF's and hand-written).</summary>
public static class SqlStatements
{
    /// <summary>True for a statement that writes (INSERT, UPDATE, DELETE, or a WITH … that ends in one).</summary>
    public static bool IsWrite(string sql)
    {
        var text = sql.AsSpan().TrimStart();
        if (text.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) || text.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase))
            return true;
        return text.StartsWith("WITH", StringComparison.OrdinalIgnoreCase)
               && (sql.Contains("INSERT", StringComparison.OrdinalIgnoreCase) || sql.Contains("UPDATE", StringComparison.OrdinalIgnoreCase)
                   || sql.Contains("DELETE", StringComparison.OrdinalIgnoreCase));
    }
}
