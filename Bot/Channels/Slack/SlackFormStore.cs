using System.Text.Json;
using Communaute.Bot.Storage;
using Communaute.Dialogs.Replies;
using NodaTime;

namespace Communaute.Bot.Channels.Slack;

/// <summary>Cards with inputs sent to Slack, kept so that their button can open the modal and their submission be checked.</summary>
public sealed class SlackFormStore(BotDbContext db, TimeProvider clock)
{
    public async Task<string> RegisterAsync(Card card, CancellationToken ct)
    {
        var form = new SlackForm { Id = Guid.NewGuid().ToString("N"), CardJson = JsonSerializer.Serialize(card), CreatedAt = clock.GetCurrentInstant() };
        db.Set<SlackForm>().Add(form);
        await db.SaveChangesAsync(ct);
        return form.Id;
    }

    public async Task<Card?> FindAsync(string id, CancellationToken ct)
    {
        if (id.Length > 40) return null;
        var form = await db.Set<SlackForm>().FindAsync([id], ct);
        if (form is null) return null;
        try { return JsonSerializer.Deserialize<Card>(form.CardJson); }
        catch (JsonException) { return null; }
    }

    /// <summary>Messages to Slack for a reply; a card with inputs gets its form stored first.</summary>
    public async Task<IReadOnlyList<SlackMessage>> RenderAsync(Reply reply, CancellationToken ct)
    {
        string? formId = null;
        if (reply.Card is { Inputs.Count: > 0 } card) formId = await RegisterAsync(card, ct);
        return SlackBlockKitRenderer.Render(reply, formId);
    }
}
