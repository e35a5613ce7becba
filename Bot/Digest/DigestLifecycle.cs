using System.Text.Json;
using Communaute.Bot.Delivery;
using Communaute.Bot.Storage;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Replies;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Communaute.Bot.Digest;

/// <summary>
/// The states of a month's digest and the changes between them: draft (built from the month, sent to the
/// facilitators) → edits → approved (postings written in the same transaction) → posted; or skipped; or empty.
/// Every change is a conditional write, so a double click or two hosts change it once.
/// </summary>
public sealed class DigestLifecycle(
    BotDbContext db, DigestSourceReader sources, DigestSummaryWriter summaries, DigestPreview preview, DigestPoster poster,
    DigestFacilitators facilitators, IDueWorkScheduler scheduler, DigestSessionsRefresh sessionsRefresh, ILogger<DigestLifecycle> logger)
{
    public const string WorkName = "digest";

    /// <summary>The digest facilitators act on: the oldest one still open (draft or approved), else the latest.</summary>
    public async Task<DigestRecord?> CurrentAsync(CancellationToken ct) =>
        await Open(db.Set<DigestRecord>().AsNoTracking()).FirstOrDefaultAsync(ct)
        ?? await db.Set<DigestRecord>().AsNoTracking().OrderByDescending(d => d.Id).FirstOrDefaultAsync(ct);

    private static IQueryable<DigestRecord> Open(IQueryable<DigestRecord> digests) =>
        digests.Where(d => d.Status == DigestStatus.Draft || d.Status == DigestStatus.Approved).OrderBy(d => d.Period);

    /// <summary>Drafts whose month ended unapproved are closed (« non publié »), so none stays « brouillon » forever.</summary>
    public async Task ExpireAsync(Instant now, CancellationToken ct)
    {
        var expired = await db.Set<DigestRecord>()
            .Where(d => (d.Status == DigestStatus.Draft || d.Status == DigestStatus.Approved) && d.PeriodEndsAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DigestStatus.Expired), ct);
        if (expired > 0)
        {
            await db.Set<DigestPosting>().Where(p => p.Status == DigestPostingStatus.Pending
                && db.Set<DigestRecord>().Any(d => d.Id == p.DigestId && d.Status == DigestStatus.Expired)).ExecuteDeleteAsync(ct);
            logger.LogInformation("Digest : {Count} brouillon(s) non approuvé(s) à temps, fermé(s)", expired);
        }
    }

    public Task<DigestRecord?> ForMonthAsync(YearMonth month, CancellationToken ct) =>
        db.Set<DigestRecord>().AsNoTracking().FirstOrDefaultAsync(d => d.Period == DigestCalendar.PeriodOf(month), ct);

    /// <summary>The month a facilitator's « préparer le digest » is for: the open draft's, else this month if it has none yet, else the next.</summary>
    public async Task<YearMonth> MonthToPrepareAsync(Instant now, CancellationToken ct)
    {
        await ExpireAsync(now, ct);
        // A draft still open is the one to finish first (no second draft beside it).
        if (await Open(db.Set<DigestRecord>().AsNoTracking()).FirstOrDefaultAsync(ct) is { } open) return DigestCalendar.ParsePeriod(open.Period)!.Value;
        var month = DigestCalendar.MonthOf(now);
        return await ForMonthAsync(month, ct) is null ? month : month.PlusMonths(1);
    }

    /// <summary>Builds the draft of the month (or records an empty month) unless one exists. Returns the month's digest.</summary>
    public async Task<DigestRecord> CreateDraftAsync(YearMonth month, Instant now, CancellationToken ct)
    {
        if (await ForMonthAsync(month, ct) is { } existing) return existing;
        var period = DigestCalendar.PeriodOf(month);
        var previous = await db.Set<DigestRecord>().AsNoTracking().OrderByDescending(d => d.Id).Select(d => (Instant?)d.CreatedAt).FirstOrDefaultAsync(ct);
        var snapshot = sources.KnowledgeSnapshot();
        var posting = DigestCalendar.PostingAt(month);
        var digest = new DigestRecord
        {
            Period = period,
            Status = DigestStatus.Draft,
            CreatedAt = now,
            CoversFrom = previous ?? now - Duration.FromDays(31),
            ScheduledAt = posting > now ? posting : now,
            PeriodEndsAt = DigestCalendar.EndOf(month),
            KnowledgeSnapshotJson = JsonSerializer.Serialize(snapshot),
        };
        await using (var tx = await db.Database.BeginOrJoinTransactionAsync(ct))
        {
            db.Set<DigestRecord>().Add(digest);
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException)
            {
                // Another host built it first.
                await tx.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
                return (await ForMonthAsync(month, ct))!;
            }
            var sections = DigestDraftBuilder.Build(await sources.ReadAsync(digest, snapshot, ct));
            digest.Status = sections.Count == 0 ? DigestStatus.Empty : DigestStatus.Draft;
            digest.ContentJson = new DigestContent(sections).ToJson();
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        logger.LogInformation("Digest {Period} : {State}", period, digest.Status == DigestStatus.Empty ? "mois vide, pas de digest" : "brouillon construit");

        if (digest.Status == DigestStatus.Draft && await summaries.WriteAsync(DigestContent.FromJson(digest.ContentJson).Sections, ct) is { } summary)
        {
            var content = DigestContent.FromJson(digest.ContentJson);
            digest.ContentJson = new DigestContent([summary, .. content.Sections]).ToJson();
            digest.Revision++;
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateConcurrencyException) { db.ChangeTracker.Clear(); }
        }
        db.ChangeTracker.Clear();
        return digest;
    }

    /// <summary>Sends new drafts (or the news of an empty month) to the facilitators, once per digest.</summary>
    public async Task NotifyNewDraftsAsync(Instant now, CancellationToken ct)
    {
        var waiting = await db.Set<DigestRecord>().AsNoTracking()
            .Where(d => d.DraftNotifiedAt == null && (d.Status == DigestStatus.Draft || d.Status == DigestStatus.Empty))
            .ToListAsync(ct);
        foreach (var digest in waiting)
        {
            await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
            var claimed = await db.Set<DigestRecord>().Where(d => d.Id == digest.Id && d.DraftNotifiedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.DraftNotifiedAt, now), ct);
            if (claimed == 0) continue;
            var month = FrenchDates.Month(DigestCalendar.ParsePeriod(digest.Period)!.Value);
            if (digest.Status == DigestStatus.Empty)
                await facilitators.TellAllAsync(_ =>
                [
                    Reply.Say($"Pas de digest de {month} : rien de neuf ce mois-ci (ni fiche nouvelle, ni session ouverte, ni question en attente). " +
                              "Rien ne sera publié. Vous pouvez tout de même en préparer un plus tard avec « préparer le digest »."),
                ], $"digest:{digest.Period}:vide", ct);
            else
                await facilitators.TellAllAsync(m => PreviewFor(digest, m, ct), $"digest:{digest.Period}:brouillon", ct);
            await tx.CommitAsync(ct);
        }
    }

    /// <summary>The day before the posting, a reminder to the facilitators when the draft is still unapproved.</summary>
    public async Task RemindAsync(Instant now, CancellationToken ct)
    {
        var day = Duration.FromDays(1);
        var drafts = await db.Set<DigestRecord>().AsNoTracking()
            .Where(d => d.Status == DigestStatus.Draft && d.ReminderSentAt == null && d.PeriodEndsAt > now)
            .ToListAsync(ct);
        foreach (var digest in drafts.Where(d => now >= d.ScheduledAt - day && d.CreatedAt < d.ScheduledAt - day))
        {
            await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
            var claimed = await db.Set<DigestRecord>().Where(d => d.Id == digest.Id && d.ReminderSentAt == null && d.Status == DigestStatus.Draft)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.ReminderSentAt, now), ct);
            if (claimed == 0) continue;
            var month = FrenchDates.Month(DigestCalendar.ParsePeriod(digest.Period)!.Value);
            await facilitators.TellAllAsync(m =>
            [
                Reply.Show(new Card
                {
                    Title = $"Rappel : le digest de {month} attend votre approbation",
                    Sections = [new CardSection(null, $"Sans approbation, il ne partira pas {FrenchDates.At(digest.ScheduledAt, ZoneOf(m))}. " +
                                                      "Un seul animateur suffit.")],
                    Choices = [DigestIntents.Button("Voir le brouillon", new ShowDigest()), DigestIntents.Button("Approuver", new ApproveDigest(), ChoiceStyle.Primary)],
                }),
            ], $"digest:{digest.Period}:rappel", ct);
            await tx.CommitAsync(ct);
        }
    }

    public async Task<string> ApproveAsync(MemberInfo member, Instant now, CancellationToken ct, bool postNow = false)
    {
        var digest = await CurrentAsync(ct);
        if (NotChangeable(digest, now, approving: true) is { } refusal)
        {
            if (postNow && digest is { Status: DigestStatus.Approved } alreadyApproved && alreadyApproved.PeriodEndsAt > now)
                return await PostNowAsync(alreadyApproved, now, ct);
            return refusal;
        }
        var month = MonthName(digest!);
        await sessionsRefresh.RefreshAsync(digest!.Id, postNow ? now : Instant.Max(now, digest.ScheduledAt), ct);
        var toApprove = (await CurrentAsync(ct))!;
        await using (var tx = await db.Database.BeginOrJoinTransactionAsync(ct))
        {
            var approved = await db.Set<DigestRecord>()
                .Where(d => d.Id == toApprove.Id && d.Status == DigestStatus.Draft)
                .ExecuteUpdateAsync(s =>
                {
                    s.SetProperty(d => d.Status, DigestStatus.Approved)
                     .SetProperty(d => d.ApprovedAt, now)
                     .SetProperty(d => d.ApprovedByMemberId, member.Id)
                     .SetProperty(d => d.ApprovedByName, member.DisplayName);
                    if (postNow) s.SetProperty(d => d.ScheduledAt, now);
                }, ct);
            if (approved == 0)
            {
                await tx.RollbackAsync(CancellationToken.None);
                return NotChangeable(await CurrentAsync(ct), now, approving: true) ?? "Le digest vient de changer : réessayez.";
            }
            await poster.AddPostingsAsync(toApprove, now, ct);
            await tx.CommitAsync(ct);
        }
        db.ChangeTracker.Clear();
        digest = (await CurrentAsync(ct))!;
        logger.LogInformation("Digest {Period} approuvé par le membre {Member}", digest.Period, member.Id);
        if (digest.ScheduledAt <= now) return $"Merci {member.DisplayName} : le digest de {month} est approuvé. " + await PostReportAsync(digest, now, ct);
        await scheduler.WakeAtAsync(WorkName, digest.ScheduledAt, ct);
        return $"Merci {member.DisplayName} : le digest de {month} est approuvé. Il partira {FrenchDates.At(digest.ScheduledAt, member.Zone)} " +
               $"dans {await TargetsSentenceAsync(ct)}.";
    }

    public async Task<string> PostNowAsync(MemberInfo member, Instant now, CancellationToken ct) => await ApproveAsync(member, now, ct, postNow: true);

    private async Task<string> PostNowAsync(DigestRecord digest, Instant now, CancellationToken ct)
    {
        await db.Set<DigestRecord>().Where(d => d.Id == digest.Id && d.Status == DigestStatus.Approved)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.ScheduledAt, now), ct);
        return await PostReportAsync((await CurrentAsync(ct))!, now, ct);
    }

    private async Task<string> PostReportAsync(DigestRecord digest, Instant now, CancellationToken ct)
    {
        await poster.PostAsync(digest, now, ct);
        var postings = await db.Set<DigestPosting>().AsNoTracking().Where(p => p.DigestId == digest.Id).ToListAsync(ct);
        if (postings.Count == 0)
            return "Aucun canal n'est abonné : il n'a été publié nulle part. Tapez « abonner ce canal au digest » dans les canaux de la communauté, puis « publier maintenant ».";
        // Handed to the outbox, which delivers within each channel's pace and retries on its own.
        var sent = postings.Count(p => p.Status != DigestPostingStatus.Pending);
        return (sent <= 1 ? $"Publié dans {sent} canal." : $"Publié dans {sent} canaux.")
               + " Les messages arrivent dans les canaux dans les instants qui suivent ; « canaux du digest » montre où ils en sont.";
    }

    public async Task<string> PostponeAsync(Instant at, MemberInfo member, Instant now, CancellationToken ct)
    {
        var digest = await CurrentAsync(ct);
        if (NotChangeable(digest, now) is { } refusal) return refusal;
        if (at <= now) return $"Cette date est déjà passée ({FrenchDates.At(at, member.Zone)}) : choisissez une date à venir.";
        if (at >= digest!.PeriodEndsAt)
            return $"Le digest de {MonthName(digest)} doit partir avant la fin du mois ({FrenchDates.At(digest.PeriodEndsAt - Duration.FromMinutes(1), member.Zone)}) : " +
                   "choisissez une date plus proche, ou « ignorer ce mois ».";
        await db.Set<DigestRecord>().Where(d => d.Id == digest.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.ScheduledAt, at), ct);
        await scheduler.WakeAtAsync(WorkName, at, ct);
        return $"C'est noté : le digest de {MonthName(digest)} partira {FrenchDates.At(at, member.Zone)}" +
               (digest.Status == DigestStatus.Draft ? ", une fois approuvé." : ".");
    }

    public async Task<string> SkipAsync(MemberInfo member, Instant now, CancellationToken ct)
    {
        var digest = await CurrentAsync(ct);
        if (NotChangeable(digest, now) is { } refusal) return refusal;
        await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
        var skipped = await db.Set<DigestRecord>()
            .Where(d => d.Id == digest!.Id && (d.Status == DigestStatus.Draft || d.Status == DigestStatus.Approved))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Status, DigestStatus.Skipped), ct);
        if (skipped == 0) return NotChangeable(await CurrentAsync(ct), now) ?? "Le digest vient de changer : réessayez.";
        await db.Set<DigestPosting>().Where(p => p.DigestId == digest!.Id && p.Status == DigestPostingStatus.Pending).ExecuteDeleteAsync(ct);
        await tx.CommitAsync(ct);
        logger.LogInformation("Digest {Period} ignoré par le membre {Member}", digest!.Period, member.Id);
        return $"Le digest de {MonthName(digest)} est ignoré : rien ne sera publié ce mois-ci. Le prochain brouillon arrivera " +
               $"{FrenchDates.At(DigestCalendar.DraftAt(DigestCalendar.ParsePeriod(digest.Period)!.Value.PlusMonths(1)), member.Zone)}.";
    }

    /// <summary>Applies an edit to the current digest. An approved digest goes back to draft; a posted one is updated where it was posted.</summary>
    public async Task<string> EditAsync(Func<DigestContent, EditResult> edit, Instant now, CancellationToken ct)
    {
        var digest = await Open(db.Set<DigestRecord>()).FirstOrDefaultAsync(ct) ?? await db.Set<DigestRecord>().OrderByDescending(d => d.Id).FirstOrDefaultAsync(ct);
        if (NotChangeable(digest, now, editing: true) is { } refusal) return refusal;
        var result = edit(DigestContent.FromJson(digest!.ContentJson));
        if (result.Content is null) return result.Message;
        await using var tx = await db.Database.BeginOrJoinTransactionAsync(ct);
        var wasApproved = digest.Status == DigestStatus.Approved;
        digest.ContentJson = result.Content.ToJson();
        digest.Revision++;
        if (wasApproved)
        {
            digest.Status = DigestStatus.Draft;
            digest.ApprovedAt = null;
            digest.ApprovedByMemberId = null;
            digest.ApprovedByName = null;
        }
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException)
        {
            await tx.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return "Un autre animateur vient de modifier le digest : rien n'a changé. Tapez « digest » pour voir la dernière version.";
        }
        if (wasApproved)
            await db.Set<DigestPosting>().Where(p => p.DigestId == digest.Id && p.Status == DigestPostingStatus.Pending).ExecuteDeleteAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        if (digest.Status == DigestStatus.Posted)
        {
            await poster.UpdatePostedAsync(now, ct);
            var lagging = await db.Set<DigestPosting>().CountAsync(p => p.DigestId == digest.Id && p.Status == DigestPostingStatus.Sent && p.SentRevision < digest.Revision, ct);
            return result.Message + (lagging == 0
                ? " Les messages déjà publiés sont mis à jour."
                : $" Les messages déjà publiés seront mis à jour dès que possible ({lagging} en attente).");
        }
        return result.Message + (wasApproved ? " Le digest repasse en brouillon : approuvez-le à nouveau pour qu'il parte." : "");
    }

    public async Task<IReadOnlyList<Reply>> PreviewAsync(DigestRecord digest, DateTimeZone zone, CancellationToken ct) =>
        await preview.RepliesAsync(digest, zone, ct);

    private Task<IReadOnlyList<Reply>> PreviewFor(DigestRecord digest, Member member, CancellationToken ct) =>
        preview.RepliesAsync(digest, ZoneOf(member), ct);

    /// <summary>Why the current digest cannot be changed now (a French answer), or null when it can.</summary>
    private static string? NotChangeable(DigestRecord? digest, Instant now, bool approving = false, bool editing = false)
    {
        if (digest is null)
            return "Aucun digest en préparation. Le brouillon du mois arrive trois jours avant sa publication ; pour en préparer un maintenant : « préparer le digest ».";
        var month = MonthName(digest);
        if (digest.PeriodEndsAt <= now)
            return $"Trop tard pour le digest de {month} : sa période s'est terminée {FrenchDates.At(digest.PeriodEndsAt, DigestCalendar.Paris)}. " +
                   "Il ne sera pas publié. Le prochain brouillon arrivera au début du mois prochain, ou tapez « préparer le digest ».";
        return digest.Status switch
        {
            DigestStatus.Posted when !editing => $"Le digest de {month} est déjà publié ({FrenchDates.At(digest.PostedAt ?? digest.ScheduledAt, DigestCalendar.Paris)}) : il ne part qu'une fois.",
            DigestStatus.Approved when approving => $"Le digest de {month} est déjà approuvé (par {digest.ApprovedByName}) : il partira une seule fois, {FrenchDates.At(digest.ScheduledAt, DigestCalendar.Paris)}.",
            DigestStatus.Skipped => $"Le digest de {month} a été ignoré : il ne sera pas publié. Tapez « préparer le digest » pour préparer celui du mois prochain.",
            DigestStatus.Expired => $"Le digest de {month} n'a pas été approuvé avant la fin du mois : il ne sera pas publié. Tapez « préparer le digest » pour le suivant.",
            DigestStatus.Empty => $"Il n'y a pas de digest de {month} : rien de neuf ce mois-ci. Tapez « préparer le digest » pour réessayer le mois prochain.",
            _ => null,
        };
    }

    private async Task<string> TargetsSentenceAsync(CancellationToken ct)
    {
        var n = await db.Set<DigestTarget>().CountAsync(t => t.ParkedAt == null, ct);
        return n switch
        {
            0 => "aucun canal pour l'instant (tapez « abonner ce canal au digest » dans les canaux de la communauté)",
            1 => "1 canal",
            _ => $"{n} canaux",
        };
    }

    public static string MonthName(DigestRecord digest) => FrenchDates.Month(DigestCalendar.ParsePeriod(digest.Period)!.Value);

    private static DateTimeZone ZoneOf(Member m) => DateTimeZoneProviders.Tzdb.GetZoneOrNull(m.TimeZoneId) ?? DigestCalendar.Paris;
}
