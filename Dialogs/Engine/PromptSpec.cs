using Communaute.Dialogs.Replies;

namespace Communaute.Dialogs.Engine;

public enum PromptKind { Choice, Text, Confirm, Number }

/// <summary>One accepted answer of a prompt: typed as its label, its value, an alias or its number, or clicked.</summary>
public sealed record PromptOption(string Label, string Value)
{
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>Shown under the question (e.g. a level's descriptor), not on the button.</summary>
    public string? Description { get; init; }
}

/// <summary>What a step asks, independent of any channel; the engine turns it into a card and reads the answer.</summary>
public sealed record PromptSpec
{
    public required PromptKind Kind { get; init; }

    /// <summary>The question itself.</summary>
    public required string Question { get; init; }

    public string? Title { get; init; }

    /// <summary>"5/12" and the like.</summary>
    public string? Progress { get; init; }

    /// <summary>Explanations shown above the question.</summary>
    public IReadOnlyList<CardSection> Sections { get; init; } = [];

    /// <summary>Choices (Choice), or shortcuts offered next to a free answer (Text).</summary>
    public IReadOnlyList<PromptOption> Options { get; init; } = [];

    /// <summary>Longest free-text answer kept; longer answers are cut and the member told.</summary>
    public int MaxLength { get; init; } = 1000;

    public double? Min { get; init; }
    public double? Max { get; init; }

    /// <summary>A choice may be followed by a note: "faible : nous cherchons des partenaires".</summary>
    public bool AllowsNote { get; init; }

    public int NoteMaxLength { get; init; } = 500;

    public string? Hint { get; init; }

    /// <summary>
    /// An irreversible confirmation: the safe answer (the option whose value is not "oui") is the primary button and
    /// comes first, the irreversible one is destructive and second, and there is nothing to pause.
    /// </summary>
    public bool Irreversible { get; init; }

    public static IReadOnlyList<PromptOption> YesNo(string yes = "Oui", string no = "Non") =>
    [
        new(yes, "oui") { Aliases = ["o", "yes", "y", "ok", "d'accord", "daccord", "confirmer", "valider", yes] },
        new(no, "non") { Aliases = ["n", "no", "pas maintenant", no] },
    ];
}
