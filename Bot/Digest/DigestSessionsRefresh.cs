using Communaute.Bot.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Communaute.Bot.Digest;

/// <summary>
/// Reads the sessions again when a draft is approved or posted: a session cancelled, started or full since the draft
/// leaves it, seats are counted anew. A sessions section a facilitator rewrote keeps its text; its buttons follow.
/// </summary>
public sealed class DigestSessionsRefresh(BotDbContext db, DigestSourceReader sources)
{
    public async Task RefreshAsync(long digestId, Instant from, CancellationToken ct)
    {
        var digest = await db.Set<DigestRecord>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == digestId, ct);
        if (digest is null || sources.Sessions is null) return;
        var content = DigestContent.FromJson(digest.ContentJson);
        var fresh = DigestDraftBuilder.SessionsSection(await sources.SessionsAsync(digest, from, ct));
        var index = content.Sections.ToList().FindIndex(s => s.Kind == SectionKinds.Sessions);
        var sections = content.Sections.ToList();
        if (index < 0)
        {
            if (fresh is null) return;
            sections.Insert(0, fresh);
        }
        else if (fresh is null) sections[index] = sections[index] with { Dropped = true, Buttons = [] };
        else if (sections[index].EditedByFacilitator)
        {
            var open = fresh.Buttons.Select(b => b.Value).ToHashSet();
            sections[index] = sections[index] with { Buttons = fresh.Buttons.Where(b => open.Contains(b.Value)).ToList() };
        }
        else sections[index] = fresh with { Dropped = sections[index].Dropped };
        var json = new DigestContent(sections).ToJson();
        if (json == digest.ContentJson) return;
        // Conditional on the revision read: a facilitator's edit in between wins, and is refreshed next time.
        await db.Set<DigestRecord>().Where(d => d.Id == digestId && d.Revision == digest.Revision)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.ContentJson, json).SetProperty(d => d.Revision, digest.Revision + 1), ct);
    }
}
