using Communaute.Dialogs.Intents;

namespace Communaute.Bot.ExperienceDirectory.Rules;

/// <summary>What a member does with the experience directory, clicked or typed (<see cref="DirectoryCommands.Parse"/>).</summary>
public interface IDirectoryIntent;

[Intent("directory-card-show")] public sealed record ShowExperienceCard : IDirectoryIntent;
[Intent("directory-card-save")] public sealed record SaveExperienceCard : IDirectoryIntent;
[Intent("directory-card-helps")] public sealed record DescribeExperience(string HelpsWith) : IDirectoryIntent;
[Intent("directory-card-publish")] public sealed record PublishExperienceCard : IDirectoryIntent;
[Intent("directory-card-hide")] public sealed record HideExperienceCard : IDirectoryIntent;
[Intent("directory-card-delete")] public sealed record DeleteExperienceCard : IDirectoryIntent;
[Intent("directory-search")] public sealed record SearchPeers(string Topic, string? Region = null) : IDirectoryIntent
{
    public DirectoryQuestion Question => new(Topic, Region);
}
/// <param name="Topic">What the asker wants to talk about (« votre expérience » when empty).</param>
[Intent("directory-introduction-request")] public sealed record RequestIntroduction(long MemberId, string? Topic = null) : IDirectoryIntent;
[Intent("directory-introduction-accept")] public sealed record AcceptIntroduction(long RequestId) : IDirectoryIntent;
[Intent("directory-introduction-decline")] public sealed record DeclineIntroduction(long RequestId) : IDirectoryIntent;
/// <summary>Declines the request and blocks its author.</summary>
[Intent("directory-introduction-block")] public sealed record BlockMember(long RequestId) : IDirectoryIntent;
[Intent("directory-pause")] public sealed record PauseIntroductions(string Until) : IDirectoryIntent;
[Intent("directory-resume")] public sealed record ResumeIntroductions : IDirectoryIntent;
[Intent("directory-coverage")] public sealed record ShowCoverage : IDirectoryIntent;

public static class DirectoryIntents
{
    public static readonly IReadOnlyCollection<Type> All = IntentCodec.TypesOf<IDirectoryIntent>();
}
