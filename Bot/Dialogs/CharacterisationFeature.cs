using System.Text;
using Communaute.Bot.Pipeline;
using Communaute.Bot.Security;
using Communaute.Bot.Storage;
using Communaute.Dialogs.Characterisation;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Engine;
using Communaute.Dialogs.Intents;
using Communaute.Dialogs.Replies;
using Microsoft.EntityFrameworkCore;

namespace Communaute.Bot.Dialogs;

/// <summary>After a characterisation: see the profile again, export it, share it; for facilitators, anonymous statistics.</summary>
public sealed class CharacterisationFeature(
    ICharacterisationRepository repository, ProfileBuilder profiles, CharacterisationStatistics statistics, BotDbContext db, IFacilitatorScope scope,
    PublicUrls urls)
    : ITurnFeature, IIntentHandler, IHelpContributor
{
    public int Order => TurnOrder.Characterisation;

    public IEnumerable<HelpLine> HelpLines =>
    [
        new("caractériser mon projet", "s'auto-évaluer sur la grille de l'innovation sociale (12 critères, environ 10 minutes)", 200) { InGreeting = true, Intent = new StartDialog(CharacterisationDialog.DialogId) },
        new("mon profil", "revoir votre dernier profil, vos pistes de progression et l'évolution", 210) { Intent = new ShowProfile() },
        new("préparer mon pitch", "construire un pitch de 3 minutes en trois parties", 220) { Intent = new StartDialog(PitchDialog.DialogId) },
        new("exporter mon profil", "votre profil en Markdown, à transmettre à un accompagnateur", 230) { Intent = new ExportProfile() },
        new("partager mon profil", "montrer votre dernier profil aux animateurs (« ne plus partager » pour revenir en privé)", 240) { Intent = new ShareProfile() },
        new("statistiques caractérisation", "statistiques anonymes des caractérisations", 720) { FacilitatorOnly = true, Intent = new ShowCharacterisationStatistics() },
        new("profils partagés", "les profils que leurs porteurs ont choisi de vous montrer", 725) { FacilitatorOnly = true, Intent = new ShowSharedProfiles() },
    ];

    public IReadOnlyCollection<Type> Intents => ProfileIntents.All;

    public async Task<bool> TryHandleAsync(TurnContext context, CancellationToken cancellationToken)
    {
        var text = context.Text;
        IProfileIntent? intent =
            TextMatching.IsOneOf(text, "mon profil", "mon resultat", "ma caracterisation", "mon dernier profil") ? new ShowProfile()
            : TextMatching.IsOneOf(text, "exporter mon profil", "exporter", "export markdown", "exporter ma caracterisation", ProfileActions.Export.Label) ? new ExportProfile()
            : TextMatching.IsOneOf(text, "partager mon profil", ProfileActions.Share.Label) ? new ShareProfile()
            : TextMatching.IsOneOf(text, "ne plus partager", "ne plus partager mon profil", "arreter le partage") ? new StopSharingProfile()
            : TextMatching.IsOneOf(text, "statistiques caracterisation", "statistiques caracterisations", "stats caracterisation") ? new ShowCharacterisationStatistics()
            : TextMatching.IsOneOf(text, "profils partages", "profils partagés") ? new ShowSharedProfiles()
            : null;
        return intent is not null && await HandleAsync(intent, context, cancellationToken);
    }

    public async Task<bool> HandleAsync(object intent, TurnContext context, CancellationToken cancellationToken)
    {
        switch (intent)
        {
            case ShowProfile: return await ShowProfileAsync(context, cancellationToken);
            case ExportProfile: return await ExportAsync(context, cancellationToken);
            case ShareProfile: return await ShareAsync(context, true, cancellationToken);
            case StopSharingProfile: return await ShareAsync(context, false, cancellationToken);
            case ShowCharacterisationStatistics:
                if (!context.Member.IsFacilitator) context.Privately().Say("Les statistiques des caractérisations sont réservées aux animateurs.");
                else context.Send(await statistics.BuildAsync(context.Member, cancellationToken));
                return true;
            default: return await SharedProfilesAsync(context, cancellationToken);
        }
    }

    private async Task<bool> ShowProfileAsync(TurnContext context, CancellationToken ct)
    {
        var results = await repository.ForMemberAsync(context.Member.Id, 2, ct);
        if (results.Count == 0) return NoProfile(context);
        foreach (var reply in profiles.ResultCards(results[0], results.ElementAtOrDefault(1))) context.Send(reply);
        return true;
    }

    private async Task<bool> ExportAsync(TurnContext context, CancellationToken ct)
    {
        var results = await repository.ForMemberAsync(context.Member.Id, 2, ct);
        if (results.Count == 0) return NoProfile(context);
        var chart = results[0].ChartMediaId;
        var markdown = profiles.Markdown(results[0], results.ElementAtOrDefault(1), context.Member.DisplayName, context.Member.Zone,
            // A downloaded file is read away from the bot: its link is absolute.
            chart is null ? null : ReplyLinks.Of(repository.MediaUrl(chart, "png"), urls.Base()));
        var id = await repository.AddMediaAsync(context.Member.Id, "text/markdown; charset=utf-8", "md", Encoding.UTF8.GetBytes(markdown), ct);
        var pdfBytes = ProfilePdf.Render(markdown, profiles.Chart(results[0], results.ElementAtOrDefault(1)));
        var pdf = await repository.AddMediaAsync(context.Member.Id, "application/pdf", "pdf", pdfBytes, ct);
        var links = new List<CardLink>
        {
            new("Télécharger le profil (PDF)", repository.MediaUrl(pdf, "pdf")),
            new("Télécharger le profil (Markdown)", repository.MediaUrl(id, "md")),
        };
        if (chart is not null) links.Add(new CardLink("Télécharger le graphique (PNG)", repository.MediaUrl(chart, "png")));
        context.Send(Reply.Show(new Card
        {
            Title = "Export de votre profil",
            Subtitle = "Un PDF avec le graphique, et le même contenu en Markdown, à transmettre à votre accompagnateur.",
            Links = links,
        }));
        return true;
    }

    private async Task<bool> ShareAsync(TurnContext context, bool share, CancellationToken ct)
    {
        var latest = (await repository.ForMemberAsync(context.Member.Id, 1, ct)).FirstOrDefault();
        if (latest is null) return NoProfile(context);
        await db.Set<CharacterisationRecord>().Where(c => c.MemberId == context.Member.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.SharedWithFacilitators, c => share && c.Id == latest.Id), ct);
        context.Say(share
            ? "Votre dernier profil est désormais visible par les animateurs de la communauté. Tapez « ne plus partager » pour le retirer."
            : "Votre profil n'est plus partagé : les animateurs ne voient plus que des statistiques anonymes.");
        return true;
    }

    private async Task<bool> SharedProfilesAsync(TurnContext context, CancellationToken ct)
    {
        if (!context.Member.IsFacilitator)
        {
            context.Privately().Say("Cette commande est réservée aux animateurs.");
            return true;
        }
        // Only the members of the communities this facilitator leads (everyone, in a one-community deployment).
        var shared = await db.Set<CharacterisationRecord>().AsNoTracking()
            .Where(c => c.SharedWithFacilitators)
            .Join(scope.VisibleMembers(db, context.Member), c => c.MemberId, m => m.Id, (c, m) => new { Record = c, m.DisplayName })
            .ToListAsync(ct);
        if (shared.Count == 0)
        {
            context.Say("Aucun porteur n'a partagé son profil avec les animateurs.");
            return true;
        }
        foreach (var s in shared.OrderBy(s => s.DisplayName).Take(10))
        {
            var holder = string.IsNullOrWhiteSpace(s.DisplayName) ? "un porteur" : UserText.Name(s.DisplayName);
            foreach (var card in profiles.ResultCards(EfCharacterisationRepository.ToResult(s.Record), null, withActions: false, sharedBy: holder))
                context.Send(card);
        }
        return true;
    }

    private static bool NoProfile(TurnContext context)
    {
        context.Send(new Reply
        {
            Text = "Vous n'avez pas encore caractérisé votre projet.",
            SuggestedActions = [new Choice("Caractériser mon projet", "caractériser mon projet").Doing(new StartDialog(CharacterisationDialog.DialogId))],
        });
        return true;
    }
}
