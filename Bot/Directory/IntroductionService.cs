using Communaute.Bot.Delivery;
using Communaute.Bot.ExperienceDirectory.Features;
using Communaute.Bot.ExperienceDirectory.Rules;
using Communaute.Bot.ExperienceDirectory.Storage;
using Communaute.Bot.Sessions.Storage;
using Communaute.Bot.Storage;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Replies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NodaTime;

namespace Communaute.Bot.ExperienceDirectory;

/// <summary>
/// Introductions with double consent. A request goes to the peer's 1:1 through the outbox, in the transaction that
/// records it; only the peer's « Accepter » — a conditional update the database lets happen once — gives each their
/// other's contact, each in their own channel; « Décliner » tells the asker only that the peer is not available.
/// Outbox keys name the request, so two instances or a repeated click never send twice.
/// </summary>
public sealed class IntroductionService(BotDbContext db, ProactiveMessenger messenger)
{
    public async Task<string> RequestAsync(MemberInfo asker, long peerId, string topic, Instant now, CancellationToken ct)
    {
        if (peerId == asker.Id) return "Vous ne pouvez pas demander une mise en relation avec vous-même : rien n'a été envoyé.";
        var peer = await db.Set<ExperienceCard>().AsNoTracking()
            .Where(c => c.MemberId == peerId && c.Status == CardStatus.Published)
            .Join(db.Members.AsNoTracking(), c => c.MemberId, m => m.Id, (c, m) => new { c.PausedUntil, m.DisplayName })
            .FirstOrDefaultAsync(ct);
        if (peer is null) return "Cette personne n'est pas (ou plus) dans l'annuaire : je ne peux pas lui transmettre de demande.";
        var first = UserText.Name(IntroductionRules.FirstName(peer.DisplayName));
        var blocked = await db.Set<DirectoryBlock>().AnyAsync(b => (b.MemberId == peerId && b.BlockedMemberId == asker.Id)
                                                                 || (b.MemberId == asker.Id && b.BlockedMemberId == peerId), ct);
        if (blocked || peer.PausedUntil > now) return $"{first} {IntroductionRules.NotAvailable} : rien n'a été envoyé.";

        await CleanUpAsync(now, ct);
        var minuteAgo = now - Duration.FromMinutes(1);
        if (await db.Set<IntroductionRequest>().CountAsync(r => r.AskerId == asker.Id && r.CreatedAt > minuteAgo, ct) >= IntroductionRules.PerMinute)
            return $"Vous avez envoyé {IntroductionRules.PerMinute} demandes de mise en relation en moins d'une minute : c'est la limite. Attendez une minute avant d'en envoyer d'autres ; celle-ci n'a pas été envoyée.";
        var dayAgo = now - Duration.FromDays(1);
        if (await db.Set<IntroductionRequest>().CountAsync(r => r.AskerId == asker.Id && r.CreatedAt > dayAgo, ct) >= IntroductionRules.PerDay)
            return $"Vous avez envoyé {IntroductionRules.PerDay} demandes de mise en relation en 24 heures : c'est la limite. Réessayez demain ; celle-ci n'a pas été envoyée.";
        var pair = IntroductionRules.PairKey(asker.Id, peerId);
        if (await db.Set<IntroductionRequest>().AnyAsync(r => r.PendingPair == pair, ct))
            return PendingMessage(first);
        var weekAgo = now - Duration.FromDays(7);
        if (await db.Set<IntroductionRequest>().CountAsync(r => r.PeerId == peerId && r.CreatedAt > weekAgo, ct) >= IntroductionRules.PerPeerPerWeek)
            return $"{first} a déjà reçu plusieurs demandes cette semaine : réessayez dans quelques jours. Rien n'a été envoyé.";

        var (organisation, region) = await PresentationAsync(asker.Id, ct);
        var own = await BeginAsync(ct);
        try
        {
            var request = new IntroductionRequest
            {
                AskerId = asker.Id, PeerId = peerId, Topic = CardLimits.Topic(topic), Status = IntroductionStatus.Pending, PendingPair = pair, CreatedAt = now,
            };
            db.Add(request);
            await db.SaveChangesAsync(ct);
            await messenger.SendToMemberAsync(peerId,
                [DirectoryCards.RequestToPeer(request.Id, IntroductionRules.FirstName(asker.DisplayName), organisation, region, request.Topic)],
                $"annuaire:demande:{request.Id}", ct);
            if (own is not null) await own.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent request of the same pair took the unique key first.
            if (own is not null) await own.RollbackAsync(CancellationToken.None);
            return PendingMessage(first);
        }
        finally
        {
            db.ChangeTracker.Clear();
            if (own is not null) await own.DisposeAsync();
        }
        return $"Demande envoyée à {first}. Je vous préviens dès qu'il y a une réponse ; vos coordonnées ne sont données qu'en cas d'accord.";
    }

    private static string PendingMessage(string first) =>
        $"Une demande de mise en relation entre {first} et vous attend déjà une réponse : une seule à la fois. Rien n'a été envoyé.";

    /// <summary>The peer accepts: once, whatever the clicks and the instances; both receive the other's contact.</summary>
    public async Task<Reply> AcceptAsync(MemberInfo peer, long requestId, Instant now, CancellationToken ct)
    {
        var own = await BeginAsync(ct);
        try
        {
            if (await DecideAsync(peer.Id, requestId, IntroductionStatus.Accepted, now, ct) is not { } request)
                return Reply.Say(await AlreadyAnsweredAsync(peer.Id, requestId, ct));
            var asker = await ContactAsync(request.AskerId, ct);
            var me = await ContactAsync(peer.Id, ct);
            await messenger.SendToMemberAsync(request.AskerId, [DirectoryCards.Introduced(me.Name, me.Contact, request.Topic, toAsker: true)],
                $"annuaire:acceptee:{request.Id}", ct);
            if (own is not null) await own.CommitAsync(ct);
            return DirectoryCards.Introduced(asker.Name, asker.Contact, request.Topic, toAsker: false);
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }

    /// <summary>The peer declines (and maybe blocks): the asker learns only that the peer is not available.</summary>
    public async Task<string> DeclineAsync(MemberInfo peer, long requestId, bool block, Instant now, CancellationToken ct)
    {
        var own = await BeginAsync(ct);
        try
        {
            if (await DecideAsync(peer.Id, requestId, IntroductionStatus.Declined, now, ct) is not { } request)
            {
                if (!block) return await AlreadyAnsweredAsync(peer.Id, requestId, ct);
                var asked = await db.Set<IntroductionRequest>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == requestId && r.PeerId == peer.Id, ct);
                if (asked is null) return await AlreadyAnsweredAsync(peer.Id, requestId, ct);
                request = asked;
            }
            else
            {
                await messenger.SendToMemberAsync(request.AskerId,
                    [Reply.Say($"Votre demande de mise en relation sur « {UserText.Escape(request.Topic)} » : {UserText.Name(IntroductionRules.FirstName(peer.DisplayName))} {IntroductionRules.NotAvailable}.")],
                    $"annuaire:declinee:{request.Id}", ct);
            }
            if (block && !await db.Set<DirectoryBlock>().AnyAsync(b => b.MemberId == peer.Id && b.BlockedMemberId == request.AskerId, ct))
            {
                db.Add(new DirectoryBlock { MemberId = peer.Id, BlockedMemberId = request.AskerId, CreatedAt = now });
                await db.SaveChangesAsync(ct);
            }
            if (own is not null) await own.CommitAsync(ct);
            return block
                ? "C'est noté : cette personne ne vous verra plus dans l'annuaire et ne pourra plus vous demander de mise en relation. Elle apprend seulement que vous n'êtes pas disponible."
                : $"C'est noté : je lui dis seulement que vous n'êtes pas disponible pour le moment.";
        }
        catch (DbUpdateException)
        {
            if (own is not null) await own.RollbackAsync(CancellationToken.None);
            return "C'est noté.";
        }
        finally
        {
            db.ChangeTracker.Clear();
            if (own is not null) await own.DisposeAsync();
        }
    }

    /// <summary>Moves a pending request of this peer to its answer; null when it was not pending (answered, expired, gone).</summary>
    private async Task<IntroductionRequest?> DecideAsync(long peerId, long requestId, IntroductionStatus status, Instant now, CancellationToken ct)
    {
        var oldest = now - IntroductionRules.PendingFor;
        var rows = await db.Set<IntroductionRequest>()
            .Where(r => r.Id == requestId && r.PeerId == peerId && r.Status == IntroductionStatus.Pending && r.CreatedAt > oldest)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, status).SetProperty(r => r.DecidedAt, now).SetProperty(r => r.PendingPair, (string?)null), ct);
        return rows == 0 ? null : await db.Set<IntroductionRequest>().AsNoTracking().FirstAsync(r => r.Id == requestId, ct);
    }

    private async Task<string> AlreadyAnsweredAsync(long peerId, long requestId, CancellationToken ct)
    {
        var request = await db.Set<IntroductionRequest>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == requestId && r.PeerId == peerId, ct);
        return request?.Status switch
        {
            null => "Cette demande n'existe plus.",
            IntroductionStatus.Accepted => "Vous avez déjà accepté cette mise en relation : les coordonnées ont été échangées, une seule fois.",
            IntroductionStatus.Declined => "Vous avez déjà répondu à cette demande.",
            _ => "Cette demande a expiré : la personne peut vous en envoyer une nouvelle.",
        };
    }

    /// <summary>How a member is introduced: their name and the contact they chose (their channel when they chose none).</summary>
    private async Task<(string Name, string Contact)> ContactAsync(long memberId, CancellationToken ct)
    {
        var member = await db.Members.AsNoTracking().Where(m => m.Id == memberId).Select(m => new { m.DisplayName, m.Channel }).FirstAsync(ct);
        var contact = await db.Set<ExperienceCard>().AsNoTracking().Where(c => c.MemberId == memberId).Select(c => c.Contact).FirstOrDefaultAsync(ct);
        return (member.DisplayName, string.IsNullOrWhiteSpace(contact)
            ? $"message privé à {member.DisplayName} sur {IntroductionRules.ChannelLabel(member.Channel)}"
            : contact);
    }

    private async Task<(string? Organisation, string? Region)> PresentationAsync(long memberId, CancellationToken ct)
    {
        var card = await db.Set<ExperienceCard>().AsNoTracking().Where(c => c.MemberId == memberId).Select(c => new { c.Organisation, c.Region }).FirstOrDefaultAsync(ct);
        var profile = await db.Set<SessionProfile>().AsNoTracking().Where(p => p.MemberId == memberId).Select(p => new { p.Organisation, p.Region }).FirstOrDefaultAsync(ct);
        return (card?.Organisation ?? profile?.Organisation, card?.Region ?? profile?.Region);
    }

    /// <summary>Requests left unanswered expire; declined and expired ones are deleted after the retention time.</summary>
    private async Task CleanUpAsync(Instant now, CancellationToken ct)
    {
        var oldest = now - IntroductionRules.PendingFor;
        await db.Set<IntroductionRequest>().Where(r => r.Status == IntroductionStatus.Pending && r.CreatedAt <= oldest)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, IntroductionStatus.Expired).SetProperty(r => r.DecidedAt, now).SetProperty(r => r.PendingPair, (string?)null), ct);
        var kept = now - IntroductionRules.KeptFor;
        await db.Set<IntroductionRequest>()
            .Where(r => (r.Status == IntroductionStatus.Declined || r.Status == IntroductionStatus.Expired) && r.DecidedAt < kept)
            .ExecuteDeleteAsync(ct);
    }

    /// <summary>A transaction of our own, unless the caller already runs one on the context.</summary>
    private async Task<IDbContextTransaction?> BeginAsync(CancellationToken ct)
    {
        await DeferredTurnWrites.BeginIfDeferredAsync(db.Database, ct);
        return db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
    }
}
