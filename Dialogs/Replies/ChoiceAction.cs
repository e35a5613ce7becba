namespace Communaute.Dialogs.Replies;

/// <summary>
/// A typed, versioned intent a button carries besides the text it stands for: a kind ("rate") and its arguments
/// ("answerId", "useful"). Renderers put it in the click's data beside <see cref="SubmitData.TextKey"/>, every channel
/// hands it back as form values, and a feature reads the intent from there — never from the label or a sentence.
/// </summary>
public sealed record ChoiceAction(string Kind, IReadOnlyDictionary<string, string> Arguments)
{
    /// <summary>Key of the intent's kind in the click's data.</summary>
    public const string KindKey = "action";

    /// <summary>Key of the intent's version: a change of arguments gets a new version, and old cards are still read.</summary>
    public const string VersionKey = "actionVersion";

    public int Version { get; init; } = 1;

    /// <summary>The keys and values to put in the click's data.</summary>
    public IEnumerable<KeyValuePair<string, string>> Data =>
    [
        new(KindKey, Kind),
        new(VersionKey, Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        .. Arguments.Where(a => a.Key is not (KindKey or VersionKey or SubmitData.TextKey or SubmitData.PromptKey)),
    ];

    /// <summary>The intent a click carried back (its form values), or null when it carried none.</summary>
    public static ChoiceAction? Read(IReadOnlyDictionary<string, string> values)
    {
        if (!values.TryGetValue(KindKey, out var kind) || string.IsNullOrWhiteSpace(kind)) return null;
        var version = values.TryGetValue(VersionKey, out var v) && int.TryParse(v, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 1;
        var arguments = values.Where(a => a.Key is not (KindKey or VersionKey)).ToDictionary(a => a.Key, a => a.Value);
        return new ChoiceAction(kind, arguments) { Version = version };
    }
}
