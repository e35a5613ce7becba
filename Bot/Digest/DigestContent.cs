using System.Text.Json;

namespace Communaute.Bot.Digest;

/// <summary>Kinds of sections, each a source of the month.</summary>
public static class SectionKinds
{
    public const string Summary = "resume";
    public const string Knowledge = "nouveautes";
    public const string Sessions = "sessions";
    public const string Topics = "sujets";
    public const string Unanswered = "appel";
    public const string Characterisation = "caracterisation";
    public const string Note = "note";
    public const string Directory = "annuaire";
}

/// <summary>
/// A button of a section: the typed intent it carries (<see cref="Intent"/>, its click data, stored with the digest)
/// and the text <paramref name="Value"/> that typing it would say (book a seat, propose an answer).
/// </summary>
public sealed record DigestButton(string Label, string Value)
{
    /// <summary>The intent's click data (<see cref="Communaute.Dialogs.Replies.ChoiceAction.Data"/>); null in digests stored before intents.</summary>
    public IReadOnlyDictionary<string, string>? Intent { get; init; }

    public static DigestButton For(string label, string value, object intent) =>
        new(label, value) { Intent = Communaute.Dialogs.Intents.IntentCodec.Encode(intent).Data.ToDictionary() };

    public Communaute.Dialogs.Replies.Choice ToChoice() => new(Label, Value) { Action = Intent is null ? null : Communaute.Dialogs.Replies.ChoiceAction.Read(Intent) };
}

/// <summary>
/// One section of a digest. <see cref="Text"/> is plain text ("- " starts a list item) and is always escaped when
/// rendered: what facilitators and members write can never turn into links, HTML or formatting.
/// </summary>
public sealed record DigestSection(string Kind, string Heading, string Text)
{
    public IReadOnlyList<DigestButton> Buttons { get; init; } = [];
    public bool Dropped { get; init; }

    /// <summary>Written by a chat model: shown as such in the preview until a facilitator edits it.</summary>
    public bool WrittenByAi { get; init; }
    public bool EditedByFacilitator { get; init; }
}

/// <summary>The sections of a digest, in the order they are shown.</summary>
public sealed record DigestContent(IReadOnlyList<DigestSection> Sections)
{
    public static readonly DigestContent Empty = new([]);

    public IEnumerable<DigestSection> Visible => Sections.Where(s => !s.Dropped);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static DigestContent FromJson(string json)
    {
        try { return JsonSerializer.Deserialize<DigestContent>(json, Json) ?? Empty; }
        catch (JsonException) { return Empty; }
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
