using Communaute.Bot.Delivery;
using Communaute.Bot.Hosting;
using Communaute.Bot.Privacy;
using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace Communaute.Bot.Digest;

/// <summary>The monthly digest: its services, commands, due work and personal data.</summary>
public static class DigestSetup
{
    public static IServiceCollection AddDigest(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<DigestSourceReader>();
        services.AddScoped<DigestSummaryWriter>();
        services.AddScoped<DigestEngagement>();
        services.AddScoped<DigestPreview>();
        services.AddScoped<DigestFacilitators>();
        services.AddScoped<DigestPoster>();
        services.AddScoped<DigestSessionsRefresh>();
        services.AddScoped<DigestDeliveries>();
        services.AddScoped<DigestTargets>();
        services.AddScoped<DigestLifecycle>();
        services.AddDueWork<DigestDueWork>();
        services.AddScoped<IPersonalDataSource, AnswerProposalsData>();
        services.AddScoped<IPersonalDataSource, DigestApprovalsData>();
        services.AddFeature<DigestTargetFeature>();
        services.AddFeature<AnswerProposalFeature>();
        services.AddFeature<DigestFeature>();
        return services;
    }
}

/// <summary>Answers the member proposed from the digest.</summary>
public sealed class AnswerProposalsData(BotDbContext db) : IPersonalDataSource
{
    public string Name => "reponsesProposees";
    public async Task<IReadOnlyList<object>> ExportAsync(long memberId, CancellationToken ct) =>
        await db.Set<AnswerProposal>().AsNoTracking().Where(p => p.MemberId == memberId)
            .Select(p => (object)new { p.Id, p.QuestionText, p.Text, ProposedAt = p.ProposedAt.ToString() }).ToListAsync(ct);
    public Task<int> DeleteAsync(long memberId, CancellationToken ct) =>
        db.Set<AnswerProposal>().Where(p => p.MemberId == memberId).ExecuteDeleteAsync(ct);
}

/// <summary>Digests the member approved and channels they subscribed: exported; on deletion their name is removed, the digests stay.</summary>
public sealed class DigestApprovalsData(BotDbContext db) : IPersonalDataSource
{
    public string Name => "digestsApprouves";
    public async Task<IReadOnlyList<object>> ExportAsync(long memberId, CancellationToken ct)
    {
        var approved = await db.Set<DigestRecord>().AsNoTracking().Where(d => d.ApprovedByMemberId == memberId)
            .Select(d => (object)new { d.Period, d.ApprovedByName, ApprovedAt = d.ApprovedAt.ToString() }).ToListAsync(ct);
        var targets = await db.Set<DigestTarget>().AsNoTracking().Where(t => t.AddedByMemberId == memberId)
            .Select(t => (object)new { CanalAbonne = t.ConversationId, AddedAt = t.AddedAt.ToString() }).ToListAsync(ct);
        return [.. approved, .. targets];
    }

    public async Task<int> DeleteAsync(long memberId, CancellationToken ct) =>
        await db.Set<DigestRecord>().Where(d => d.ApprovedByMemberId == memberId)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.ApprovedByMemberId, (long?)null).SetProperty(d => d.ApprovedByName, "un animateur"), ct)
        + await db.Set<DigestTarget>().Where(t => t.AddedByMemberId == memberId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.AddedByMemberId, (long?)null), ct);
}
