using Communaute.Dialogs.Intents;

namespace Communaute.Dialogs.Characterisation;

/// <summary>What a member does with their profile after a characterisation, and what facilitators see of them.</summary>
public interface IProfileIntent;

[Intent("profile-show")] public sealed record ShowProfile : IProfileIntent;
[Intent("profile-export")] public sealed record ExportProfile : IProfileIntent;
[Intent("profile-share")] public sealed record ShareProfile : IProfileIntent;
[Intent("profile-unshare")] public sealed record StopSharingProfile : IProfileIntent;
[Intent("profile-statistics")] public sealed record ShowCharacterisationStatistics : IProfileIntent;
[Intent("profile-shared-list")] public sealed record ShowSharedProfiles : IProfileIntent;

public static class ProfileIntents
{
    public static readonly IReadOnlyCollection<Type> All = IntentCodec.TypesOf<IProfileIntent>();
}
