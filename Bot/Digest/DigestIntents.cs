using System.Globalization;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Intents;
using Communaute.Dialogs.Replies;

namespace Communaute.Bot.Digest;

/// <summary>
/// What members and facilitators do with the digest, as its buttons carry it. Each stands for one of the digest's
/// commands (<see cref="Command"/>), which the digest's features read: a click and the command typed are one path,
/// and what a click says beside its intent is ignored.
/// </summary>
public interface IDigestIntent
{
    string Command { get; }
}

[Intent("digest-show")] public sealed record ShowDigest : IDigestIntent { public string Command => DigestCommands.Show; }
[Intent("digest-list")] public sealed record ListDigests : IDigestIntent { public string Command => DigestCommands.List; }
[Intent("digest-prepare")] public sealed record PrepareDigest : IDigestIntent { public string Command => DigestCommands.Prepare; }
[Intent("digest-approve")] public sealed record ApproveDigest : IDigestIntent { public string Command => DigestCommands.Approve; }
[Intent("digest-post-now")] public sealed record PostDigestNow : IDigestIntent { public string Command => DigestCommands.PostNow; }
[Intent("digest-postpone")] public sealed record PostponeDigest : IDigestIntent { public string Command => DigestCommands.Postpone; }
[Intent("digest-skip")] public sealed record SkipDigest : IDigestIntent { public string Command => DigestCommands.Skip; }
[Intent("digest-edit-menu")] public sealed record ChooseDigestSectionToEdit : IDigestIntent { public string Command => DigestCommands.EditMenu; }
[Intent("digest-edit")] public sealed record EditDigest(int Section) : IDigestIntent { public string Command => DigestIntents.Numbered(DigestCommands.Edit, Section); }
[Intent("digest-note")] public sealed record AddDigestNote : IDigestIntent { public string Command => DigestCommands.AddNote; }
[Intent("digest-reorder")] public sealed record ReorderDigest : IDigestIntent { public string Command => DigestCommands.ReorderMenu; }
[Intent("digest-move")] public sealed record MoveDigestSection(int From, int To) : IDigestIntent
{
    public string Command => string.Create(CultureInfo.InvariantCulture, $"{DigestCommands.Move} {From} en {To}");
}
[Intent("digest-drop-menu")] public sealed record ChooseDigestSectionToDrop : IDigestIntent { public string Command => DigestCommands.DropMenu; }
[Intent("digest-drop")] public sealed record DropDigestSection(int Section) : IDigestIntent { public string Command => DigestIntents.Numbered(DigestCommands.Drop, Section); }
[Intent("digest-text-preview")] public sealed record PreviewDigestAsText : IDigestIntent { public string Command => DigestCommands.TextPreview; }

// Where the digest goes
[Intent("digest-subscribe")] public sealed record SubscribeChannelToDigest : IDigestIntent { public string Command => DigestCommands.Subscribe; }
[Intent("digest-unsubscribe")] public sealed record UnsubscribeChannelFromDigest : IDigestIntent { public string Command => DigestCommands.Unsubscribe; }
[Intent("digest-channels")] public sealed record ListDigestChannels : IDigestIntent { public string Command => DigestCommands.Targets; }
[Intent("digest-channel-remove")] public sealed record RemoveDigestChannel(long TargetId) : IDigestIntent { public string Command => DigestIntents.Numbered(DigestCommands.RemoveTarget, TargetId); }

// Members' answers to the digest's open questions
[Intent("digest-proposals")] public sealed record ListAnswerProposals : IDigestIntent { public string Command => DigestCommands.Proposals; }
[Intent("digest-propose")] public sealed record ProposeAnswer(long QuestionId, long? DigestId = null) : IDigestIntent
{
    public string Command => DigestId is { } digest
        ? string.Create(CultureInfo.InvariantCulture, $"{DigestDraftBuilder.ProposeCommand} {QuestionId} (digest {digest})")
        : DigestIntents.Numbered(DigestDraftBuilder.ProposeCommand, QuestionId);
}

public static class DigestIntents
{
    public static readonly IReadOnlyCollection<Type> Drafting = [typeof(ShowDigest), typeof(ListDigests), typeof(PrepareDigest), typeof(ApproveDigest),
        typeof(PostDigestNow), typeof(PostponeDigest), typeof(SkipDigest), typeof(ChooseDigestSectionToEdit), typeof(EditDigest), typeof(AddDigestNote),
        typeof(ReorderDigest), typeof(MoveDigestSection), typeof(ChooseDigestSectionToDrop), typeof(DropDigestSection), typeof(PreviewDigestAsText)];

    public static readonly IReadOnlyCollection<Type> Targets = [typeof(SubscribeChannelToDigest), typeof(UnsubscribeChannelFromDigest), typeof(ListDigestChannels), typeof(RemoveDigestChannel)];

    public static readonly IReadOnlyCollection<Type> Proposals = [typeof(ListAnswerProposals), typeof(ProposeAnswer)];

    /// <summary>The button for <paramref name="intent"/>: its command as text.</summary>
    public static Choice Button(string label, IDigestIntent intent, ChoiceStyle style = ChoiceStyle.Default) =>
        new Choice(label, intent.Command, style).Doing(intent);

    /// <summary>
    /// Runs <paramref name="intent"/> as its command through <paramref name="feature"/>'s reading of the words. A command
    /// the feature does not take (none should) is said plainly rather than handed on.
    /// </summary>
    public static async Task<bool> RunAsync(object intent, TurnContext context,
        Func<TurnContext, CancellationToken, Task<bool>> feature, CancellationToken ct)
    {
        context.Reinterpret(((IDigestIntent)intent).Command);
        if (await feature(context, ct)) return true;
        context.Say("Je n'ai pas su traiter ce bouton. Tapez « digest » pour voir le brouillon et ses actions.");
        return true;
    }

    internal static string Numbered(string command, long n) => string.Create(CultureInfo.InvariantCulture, $"{command} {n}");
}
