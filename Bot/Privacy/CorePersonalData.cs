using Communaute.Bot.Dialogs;
using Communaute.Bot.Security;
using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace Communaute.Bot.Privacy;

/// <summary>Questions the member asked that went unanswered.</summary>
public sealed class UnansweredQuestionsData(BotDbContext db) : IPersonalDataSource
{
    public string Name => "questionsSansReponse";
    public string Label => "Questions sans réponse";
    public async Task<IReadOnlyList<object>> ExportAsync(long memberId, CancellationToken ct) =>
        await db.UnansweredQuestions.AsNoTracking().Where(q => q.MemberId == memberId)
            .Select(q => (object)new { q.Id, q.Text, q.Channel, AskedAt = q.AskedAt.ToString(), Status = q.Status.ToString() }).ToListAsync(ct);
    public async Task<int> DeleteAsync(long memberId, CancellationToken ct)
    {
        var mine = await db.UnansweredQuestions.Where(q => q.MemberId == memberId).Select(q => new { q.GroupId, q.Text }).ToListAsync(ct);
        var count = await db.UnansweredQuestions.Where(q => q.MemberId == memberId).ExecuteDeleteAsync(ct);
        // A curation group shows its first question as typed: the member's words go with them. A group nobody else
        // asked is removed; another's shows the next question asked.
        foreach (var groupId in mine.Where(q => q.GroupId is not null).Select(q => q.GroupId!.Value).Distinct())
        {
            var next = await db.UnansweredQuestions.Where(q => q.GroupId == groupId).OrderBy(q => q.AskedAt).Select(q => q.Text).FirstOrDefaultAsync(ct);
            if (next is null)
                await db.Set<Curation.QuestionGroup>().Where(g => g.Id == groupId).ExecuteDeleteAsync(ct);
            else
                await db.Set<Curation.QuestionGroup>().Where(g => g.Id == groupId).ExecuteUpdateAsync(u => u.SetProperty(g => g.Text, next), ct);
        }
        return count;
    }
}

/// <summary>What the bot answered to the member's questions.</summary>
public sealed class AnswerAuditsData(BotDbContext db) : IPersonalDataSource
{
    public string Name => "reponsesDonnees";
    public string Label => "Réponses données à vos questions";
    public async Task<IReadOnlyList<object>> ExportAsync(long memberId, CancellationToken ct) =>
        await db.AnswerAudits.AsNoTracking().Where(a => a.MemberId == memberId)
            .Select(a => (object)new { a.Id, At = a.At.ToString(), a.Channel, a.Question, a.Outcome, a.Sources }).ToListAsync(ct);
    public Task<int> DeleteAsync(long memberId, CancellationToken ct) =>
        db.AnswerAudits.Where(a => a.MemberId == memberId).ExecuteDeleteAsync(ct);
}

/// <summary>Dialogs in progress.</summary>
public sealed class DialogStatesData(BotDbContext db) : IPersonalDataSource
{
    public string Name => "questionnairesEnCours";
    public string Label => "Questionnaires en cours";
    public async Task<IReadOnlyList<object>> ExportAsync(long memberId, CancellationToken ct) =>
        await db.Set<DialogStateRecord>().AsNoTracking().Where(s => s.MemberId == memberId)
            .Select(s => (object)new { s.DialogId, s.ConversationId, s.StateJson, UpdatedAt = s.UpdatedAt.ToString() }).ToListAsync(ct);
    public Task<int> DeleteAsync(long memberId, CancellationToken ct) =>
        db.Set<DialogStateRecord>().Where(s => s.MemberId == memberId).ExecuteDeleteAsync(ct);
}

/// <summary>Characterisation results (answers, notes, pitch).</summary>
public sealed class CharacterisationsData(BotDbContext db) : IPersonalDataSource
{
    public string Name => "caracterisations";
    public string Label => "Caractérisations de projet";
    public async Task<IReadOnlyList<object>> ExportAsync(long memberId, CancellationToken ct) =>
        (await db.Set<CharacterisationRecord>().AsNoTracking().Where(c => c.MemberId == memberId).OrderBy(c => c.Id).ToListAsync(ct))
            .Select(c => (object)new
            {
                c.Id, c.GridVersion, StartedAt = c.StartedAt.ToString(), CompletedAt = c.CompletedAt.ToString(),
                KeyAnswers = c.KeyAnswersJson, Levels = c.LevelsJson, Notes = c.NotesJson, c.Pitch, c.SharedWithFacilitators, c.ChartMediaId,
            }).ToList();
    public Task<int> DeleteAsync(long memberId, CancellationToken ct) =>
        db.Set<CharacterisationRecord>().Where(c => c.MemberId == memberId).ExecuteDeleteAsync(ct);
}

/// <summary>Files made for the member (charts, exports): listed, not inlined.</summary>
public sealed class MediaFilesData(BotDbContext db) : IPersonalDataSource
{
    public string Name => "fichiers";
    public string Label => "Fichiers (graphiques, exports)";
    public int DeleteOrder => 600;
    public async Task<IReadOnlyList<object>> ExportAsync(long memberId, CancellationToken ct) =>
        await db.Set<MediaFile>().AsNoTracking().Where(m => m.MemberId == memberId)
            .Select(m => (object)new { m.Id, m.ContentType, m.Extension, Bytes = m.Content.Length, CreatedAt = m.CreatedAt.ToString() }).ToListAsync(ct);
    public Task<int> DeleteAsync(long memberId, CancellationToken ct) =>
        db.Set<MediaFile>().Where(m => m.MemberId == memberId).ExecuteDeleteAsync(ct);
}

/// <summary>
/// The member's 1:1 conversations (with what the channel needs to write there).
/// A conversation where another member's data lives (a questionnaire, a question) is kept for them, without the
/// reference that named this member.
/// </summary>
public sealed class ConversationsData(BotDbContext db) : IPersonalDataSource
{
    public string Name => "conversations";
    public string Label => "Conversations privées avec le bot";
    public int DeleteOrder => 800;
    public async Task<IReadOnlyList<object>> ExportAsync(long memberId, CancellationToken ct) =>
        await db.Conversations.AsNoTracking().Where(c => c.DirectMemberId == memberId)
            .Select(c => (object)new { c.Id, c.Channel, c.ChannelConversationId, c.IsGroup, c.ReferenceJson, CreatedAt = c.CreatedAt.ToString(), LastActivityAt = c.LastActivityAt.ToString() })
            .ToListAsync(ct);
    public async Task<int> DeleteAsync(long memberId, CancellationToken ct)
    {
        var mine = await db.Conversations.Where(c => c.DirectMemberId == memberId)
            .Select(c => new { c.Id, c.Channel, c.ChannelConversationId }).ToListAsync(ct);
        var count = 0;
        foreach (var c in mine)
        {
            var shared = await db.Set<DialogStateRecord>().AnyAsync(s => s.ConversationId == c.Id && s.MemberId != memberId, ct)
                         || await db.UnansweredQuestions.AnyAsync(q => q.ConversationId == c.Id && q.MemberId != memberId, ct);
            if (!shared)
            {
                count += await db.Conversations.Where(x => x.Id == c.Id).ExecuteDeleteAsync(ct);
                continue;
            }
            count += await db.Conversations.Where(x => x.Id == c.Id).ExecuteUpdateAsync(u => u
                .SetProperty(x => x.DirectMemberId, (long?)null)
                .SetProperty(x => x.ReferenceJson, (string?)null), ct);
        }
        return count;
    }
}

/// <summary>The communities the member was seen in (deployments serving several).</summary>
public sealed class CommunitiesData(BotDbContext db, MembershipCache cache) : IPersonalDataSource
{
    public string Name => "communautes";
    public string Label => "Communautés où vous avez écrit";
    public async Task<IReadOnlyList<object>> ExportAsync(long memberId, CancellationToken ct) =>
        await db.Set<MemberCommunity>().AsNoTracking().Where(c => c.MemberId == memberId)
            .Select(c => (object)new { c.Community, FirstSeenAt = c.FirstSeenAt.ToString() }).ToListAsync(ct);
    public async Task<int> DeleteAsync(long memberId, CancellationToken ct)
    {
        cache.Forget(memberId);
        return await db.Set<MemberCommunity>().Where(c => c.MemberId == memberId).ExecuteDeleteAsync(ct);
    }
}

/// <summary>The member record itself (name, channel id, time zone, roles). Deleted last.</summary>
public sealed class MemberData(BotDbContext db) : IPersonalDataSource
{
    public string Name => "membre";
    public string Label => "Votre profil de membre";
    public int DeleteOrder => 1000;
    public async Task<IReadOnlyList<object>> ExportAsync(long memberId, CancellationToken ct) =>
        await db.Members.AsNoTracking().Where(m => m.Id == memberId)
            .Select(m => (object)new { m.Id, m.Channel, m.ChannelUserId, m.DisplayName, m.TimeZoneId, m.TimeZoneChosen, m.Roles, CreatedAt = m.CreatedAt.ToString(), LastSeenAt = m.LastSeenAt.ToString() })
            .ToListAsync(ct);
    public Task<int> DeleteAsync(long memberId, CancellationToken ct) =>
        db.Members.Where(m => m.Id == memberId).ExecuteDeleteAsync(ct);
}
