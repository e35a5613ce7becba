using Communaute.Bot.Dialogs;
using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace Communaute.Bot.Privacy;

/// <summary>Questions the member asked that went unanswered.</summary>
public sealed class UnansweredQuestionsData(BotDbContext db) : IPersonalDataSource
{
    public string Name => "questionsSansReponse";
    public async Task<IReadOnlyList<object>> ExportAsync(long memberId, CancellationToken ct) =>
        await db.UnansweredQuestions.AsNoTracking().Where(q => q.MemberId == memberId)
            .Select(q => (object)new { q.Id, q.Text, q.Channel, AskedAt = q.AskedAt.ToString(), Status = q.Status.ToString() }).ToListAsync(ct);
    public Task<int> DeleteAsync(long memberId, CancellationToken ct) =>
        db.UnansweredQuestions.Where(q => q.MemberId == memberId).ExecuteDeleteAsync(ct);
}

/// <summary>What the bot answered to the member's questions.</summary>
public sealed class AnswerAuditsData(BotDbContext db) : IPersonalDataSource
{
    public string Name => "reponsesDonnees";
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
    public int DeleteOrder => 600;
    public async Task<IReadOnlyList<object>> ExportAsync(long memberId, CancellationToken ct) =>
        await db.Set<MediaFile>().AsNoTracking().Where(m => m.MemberId == memberId)
            .Select(m => (object)new { m.Id, m.ContentType, m.Extension, Bytes = m.Content.Length, CreatedAt = m.CreatedAt.ToString() }).ToListAsync(ct);
    public Task<int> DeleteAsync(long memberId, CancellationToken ct) =>
        db.Set<MediaFile>().Where(m => m.MemberId == memberId).ExecuteDeleteAsync(ct);
}

/// <summary>The member's 1:1 conversations (with what the channel needs to write there).</summary>
public sealed class ConversationsData(BotDbContext db) : IPersonalDataSource
{
    public string Name => "conversations";
    public int DeleteOrder => 800;
    public async Task<IReadOnlyList<object>> ExportAsync(long memberId, CancellationToken ct) =>
        await db.Conversations.AsNoTracking().Where(c => c.DirectMemberId == memberId)
            .Select(c => (object)new { c.Id, c.Channel, c.ChannelConversationId, c.IsGroup, c.ReferenceJson, CreatedAt = c.CreatedAt.ToString(), LastActivityAt = c.LastActivityAt.ToString() })
            .ToListAsync(ct);
    public Task<int> DeleteAsync(long memberId, CancellationToken ct) =>
        db.Conversations.Where(c => c.DirectMemberId == memberId).ExecuteDeleteAsync(ct);
}

/// <summary>The member record itself (name, channel id, time zone, roles). Deleted last.</summary>
public sealed class MemberData(BotDbContext db) : IPersonalDataSource
{
    public string Name => "membre";
    public int DeleteOrder => 1000;
    public async Task<IReadOnlyList<object>> ExportAsync(long memberId, CancellationToken ct) =>
        await db.Members.AsNoTracking().Where(m => m.Id == memberId)
            .Select(m => (object)new { m.Id, m.Channel, m.ChannelUserId, m.DisplayName, m.TimeZoneId, m.TimeZoneChosen, m.Roles, CreatedAt = m.CreatedAt.ToString(), LastSeenAt = m.LastSeenAt.ToString() })
            .ToListAsync(ct);
    public Task<int> DeleteAsync(long memberId, CancellationToken ct) =>
        db.Members.Where(m => m.Id == memberId).ExecuteDeleteAsync(ct);
}
