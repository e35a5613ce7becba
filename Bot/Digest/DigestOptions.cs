namespace Communaute.Bot.Digest;

/// <summary>The "Digest" configuration section.</summary>
public sealed class DigestOptions
{
    /// <summary>
    /// Pause between two targets when posting: 25 ms keeps a digest to 100 channels under Teams' 50 requests a second
    /// per app and tenant (Slack's one message a second is per channel, and each channel gets one message).
    /// </summary>
    public int MinIntervalBetweenTargetsMs { get; set; } = 25;
}
