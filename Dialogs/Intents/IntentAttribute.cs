namespace Communaute.Dialogs.Intents;

/// <summary>
/// Marks a record as a typed intent: what a member does (« BookSeat »), with the kind and version a button carries in
/// its click's data. A change of arguments gets a new <see cref="Version"/>: a click from an older card is then told so.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class IntentAttribute(string kind) : Attribute
{
    public string Kind { get; } = kind;

    public int Version { get; init; } = 1;
}
