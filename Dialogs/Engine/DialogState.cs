namespace Communaute.Dialogs.Engine;

/// <summary>Where a member is in a dialog. Serialised as JSON in the database between turns.</summary>
public sealed class DialogState
{
    public string DialogId { get; set; } = "";

    /// <summary>The dialog's version when the state was written; another version cannot be resumed safely.</summary>
    public int Version { get; set; }

    public string StepId { get; set; } = "";

    /// <summary>Answers by key; notes under "note:KEY".</summary>
    public Dictionary<string, string> Answers { get; set; } = [];

    /// <summary>Steps answered so far, most recent last ("retour" goes back to it).</summary>
    public List<string> History { get; set; } = [];

    /// <summary>Random id of this run of the dialog (a restart gets a new one).</summary>
    public string Instance { get; set; } = "";

    /// <summary>Incremented at every question shown, so each prompt card has its own id.</summary>
    public int Sequence { get; set; }

    public bool Paused { get; set; }

    /// <summary>After a correction, the step to come back to instead of the next one (e.g. the summary).</summary>
    public string? ReturnTo { get; set; }

    public long StartedAtUnixMs { get; set; }

    /// <summary>Channel ids of the last messages that moved this dialog (<see cref="Conversation.IncomingTurn.MessageId"/>): a repeat is ignored.</summary>
    public List<string> MessageIds { get; set; } = [];

    public const int RememberedMessageIds = 32;

    /// <summary>Remembers the id of the message being applied (the oldest ones are forgotten).</summary>
    public void Remember(string? messageId)
    {
        if (string.IsNullOrEmpty(messageId) || messageId.Length > 256 || MessageIds.Contains(messageId)) return;
        MessageIds.Add(messageId);
        if (MessageIds.Count > RememberedMessageIds) MessageIds.RemoveRange(0, MessageIds.Count - RememberedMessageIds);
    }

    public string PromptId => $"{DialogPromptIds.Prefix}{DialogId}:{Instance}:{Sequence}";

    public string? Get(string key) => Answers.GetValueOrDefault(key);

    public static string NoteKey(string key) => "note:" + key;
}

public static class DialogPromptIds
{
    public const string Prefix = "dlg:";

    public static bool IsDialogPrompt(string? promptId) => promptId?.StartsWith(Prefix, StringComparison.Ordinal) == true;
}
