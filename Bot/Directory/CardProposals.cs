using Communaute.Bot.Dialogs;
using Communaute.Bot.Digest;
using Communaute.Bot.ExperienceDirectory.Rules;
using Communaute.Bot.Sessions.Storage;
using Communaute.Bot.Storage;
using Communaute.Dialogs.Characterisation;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Communaute.Bot.ExperienceDirectory;

/// <summary>What the bot already knows of a member that could go on their card, proposed in the form and never published on its own.</summary>
public sealed record CardProposal(CardDraft Draft, IReadOnlyList<string> Sources);

/// <summary>
/// Reads what the member did in the community: organisation and region from the sessions profile, the criteria at
/// « Fort » of their latest characterisation, the sessions where they brought a case as client, the answers they
/// proposed to the digest's « Qui peut répondre ? ».
/// </summary>
public sealed class CardProposals(BotDbContext db)
{
    public async Task<CardProposal> ProposeAsync(long memberId, Instant now, CancellationToken ct)
    {
        var sources = new List<string>();
        var helps = new List<string>();
        var profile = await db.Set<SessionProfile>().AsNoTracking().FirstOrDefaultAsync(p => p.MemberId == memberId, ct);
        if (profile?.Organisation is not null || profile?.Region is not null) sources.Add("votre structure et votre région (profil des sessions)");

        var latest = await db.Set<CharacterisationRecord>().AsNoTracking().Where(c => c.MemberId == memberId)
            .OrderByDescending(c => c.CompletedAt).ThenByDescending(c => c.Id).FirstOrDefaultAsync(ct);
        if (latest is not null)
        {
            var strengths = EfCharacterisationRepository.ToResult(latest).Levels
                .Where(l => l.Value == 3)
                .Select(l => Grid.Current.Find(l.Key)?.Name)
                .OfType<string>()
                .ToList();
            if (strengths.Count > 0)
            {
                helps.Add(string.Join(", ", strengths.Select(s => char.ToLowerInvariant(s[0]) + s[1..])));
                sources.Add("les critères à « Fort » de votre caractérisation");
            }
        }

        var cases = await db.Set<Booking>().AsNoTracking()
            .Where(b => b.MemberId == memberId && b.Role == BookingRole.Client && b.Status == BookingStatus.Confirmed && b.Attended != false)
            .Join(db.Set<CoDevSession>().AsNoTracking(), b => b.SessionId, s => s.Id, (b, s) => new { s.Title, s.Theme, s.Start })
            .ToListAsync(ct);
        var past = cases.Where(c => c.Start < now).Select(c => c.Theme ?? c.Title).Distinct().ToList();
        if (past.Count > 0)
        {
            helps.Add("cas apporté en co-développement : " + string.Join(", ", past));
            sources.Add("les sessions de co-développement où vous étiez client");
        }

        var answered = await db.Set<AnswerProposal>().AsNoTracking().Where(p => p.MemberId == memberId)
            .OrderByDescending(p => p.ProposedAt).Select(p => p.QuestionText).Take(3).ToListAsync(ct);
        if (answered.Count > 0)
        {
            helps.Add("réponses proposées à la communauté : " + string.Join(" ; ", answered.Select(q => q.Length > 120 ? q[..119] + "…" : q)));
            sources.Add("vos réponses à « Qui peut répondre ? » du digest");
        }

        var text = string.Join("\n", helps);
        var draft = new CardDraft(text.Length == 0 ? null : text[..Math.Min(text.Length, CardLimits.MaxField)], null,
            profile?.Organisation, RegionNames.Find(profile?.Region) ?? profile?.Region, null, null);
        return new CardProposal(draft, sources);
    }
}
