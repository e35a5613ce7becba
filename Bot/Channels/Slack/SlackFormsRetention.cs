using Communaute.Bot.Delivery;
using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Communaute.Bot.Channels.Slack;

/// <summary>Forms sent to Slack are kept 60 days (a modal can be opened from an old message), then deleted.</summary>
public sealed class SlackFormsRetention(BotDbContext db, ILogger<SlackFormsRetention> logger) : IDueWork
{
    private static readonly Duration Keep = Duration.FromDays(60);
    private static readonly Duration Every = Duration.FromHours(6);

    public string Name => "slack-forms-retention";

    public async Task RunAsync(Instant now, CancellationToken ct)
    {
        var before = now - Keep;
        var removed = await db.Set<SlackForm>().Where(f => f.CreatedAt < before).ExecuteDeleteAsync(ct);
        if (removed > 0) logger.LogInformation("Slack : {Count} formulaire(s) de plus de 60 jours supprimé(s)", removed);
    }

    public Task<Instant?> NextDueAsync(Instant now, CancellationToken ct) => Task.FromResult<Instant?>(now + Every);
}
