namespace Communaute.French;

/// <summary>People's names in French sentences.</summary>
public static class FrenchNames
{
    /// <summary>"de Bruno", "d'Amel", "du client", "de la cliente", "des clients": « de » as French writes it before a name.</summary>
    public static string Of(string name) => name switch
    {
        _ when name.StartsWith("le ", StringComparison.OrdinalIgnoreCase) => "du " + name[3..],
        _ when name.StartsWith("les ", StringComparison.OrdinalIgnoreCase) => "des " + name[4..],
        _ when name.Length > 0 && "aeiouyhâàéèêîïôûAEIOUYHÂÀÉÈÊÎÏÔÛ".Contains(name[0], StringComparison.Ordinal) => "d'" + name,
        _ => "de " + name,
    };

    /// <summary>
    /// A person's name worth showing: null when blank or the directory's stand-in « membre » (an anonymous page
    /// visitor), so no card, digest or invite reads « Animation : membre ».
    /// </summary>
    public static string? Named(string? name) =>
        string.IsNullOrWhiteSpace(name) || string.Equals(name.Trim(), "membre", StringComparison.OrdinalIgnoreCase) ? null : name;
}
