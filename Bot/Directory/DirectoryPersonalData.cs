using Communaute.Bot.ExperienceDirectory.Storage;
using Communaute.Bot.Privacy;
using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;

namespace Communaute.Bot.ExperienceDirectory;

/// <summary>
/// The member's experience card, the introduction requests they sent or received, the members they blocked and their
/// directory searches: in « mes données », and erased by « supprimer mes données ». Requests received are exported
/// without the asker's name (the other member's data).
/// </summary>
public sealed class DirectoryPersonalData(BotDbContext db, DirectoryIndexCache index) : IPersonalDataSource
{
    public string Name => "annuaire";
    public string Label => "Annuaire des expériences (fiche, mises en relation, recherches)";
    public int DeleteOrder => 300;

    public async Task<IReadOnlyList<object>> ExportAsync(long memberId, CancellationToken ct)
    {
        var rows = new List<object>();
        if (await db.Set<ExperienceCard>().AsNoTracking().FirstOrDefaultAsync(c => c.MemberId == memberId, ct) is { } c)
            rows.Add(new
            {
                Type = "fiche", PeutAiderSur = c.HelpsWith, Cherche = c.LooksFor, Structure = c.Organisation, Region = c.Region, Territoire = c.Territory,
                c.Contact, Etat = c.Status.ToString(), ConsentementLe = c.ConsentedAt?.ToString(), PublieeLe = c.PublishedAt?.ToString(),
                PauseJusquau = c.PausedUntil?.ToString(), CreeeLe = c.CreatedAt.ToString(), ModifieeLe = c.UpdatedAt.ToString(),
            });
        var sent = await db.Set<IntroductionRequest>().AsNoTracking().Where(r => r.AskerId == memberId).OrderBy(r => r.Id).ToListAsync(ct);
        rows.AddRange(sent.Select(r => (object)new
        {
            Type = "demande envoyée", r.Id, Sujet = r.Topic, Etat = r.Status.ToString(), EnvoyeeLe = r.CreatedAt.ToString(), RepondueLe = r.DecidedAt?.ToString(),
        }));
        var received = await db.Set<IntroductionRequest>().AsNoTracking().Where(r => r.PeerId == memberId).OrderBy(r => r.Id).ToListAsync(ct);
        rows.AddRange(received.Select(r => (object)new
        {
            Type = "demande reçue", r.Id, Sujet = r.Topic, Etat = r.Status.ToString(), RecueLe = r.CreatedAt.ToString(), RepondueLe = r.DecidedAt?.ToString(),
        }));
        var blocks = await db.Set<DirectoryBlock>().AsNoTracking().CountAsync(b => b.MemberId == memberId, ct);
        if (blocks > 0) rows.Add(new { Type = "personnes bloquées", Nombre = blocks });
        var searches = await db.Set<DirectorySearch>().AsNoTracking().Where(s => s.MemberId == memberId).OrderBy(s => s.Id).ToListAsync(ct);
        rows.AddRange(searches.Select(s => (object)new { Type = "recherche", Texte = s.Text, Resultats = s.Results, Le = s.At.ToString() }));
        return rows;
    }

    public async Task<int> DeleteAsync(long memberId, CancellationToken ct)
    {
        var count = await db.Set<IntroductionRequest>().Where(r => r.AskerId == memberId || r.PeerId == memberId).ExecuteDeleteAsync(ct);
        count += await db.Set<DirectoryBlock>().Where(b => b.MemberId == memberId || b.BlockedMemberId == memberId).ExecuteDeleteAsync(ct);
        count += await db.Set<DirectorySearch>().Where(s => s.MemberId == memberId).ExecuteDeleteAsync(ct);
        count += await db.Set<ExperienceCard>().Where(c => c.MemberId == memberId).ExecuteDeleteAsync(ct);
        index.Invalidate();
        return count;
    }
}
