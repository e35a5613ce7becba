namespace Communaute.Dialogs.Intents;

/// <summary>A question for the knowledge base, as a suggested question's button carries it.</summary>
[Intent("ask")] public sealed record AskQuestion(string Question);

/// <summary>« aide »: everything the bot can do.</summary>
[Intent("help")] public sealed record ShowHelp;
