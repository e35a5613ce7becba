using Communaute.Dialogs.Intents;

namespace Communaute.Bot.Features;

/// <summary>« Voir la fiche », « Vouliez-vous dire : … »: one knowledge entry, by its id.</summary>
[Intent("knowledge-entry")] public sealed record ShowKnowledgeEntry(string EntryId);

/// <summary>« Transmettre aux animateurs » the question the answer was given to.</summary>
[Intent("knowledge-forward")] public sealed record ForwardQuestion(string Question);
