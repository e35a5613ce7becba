using Communaute.Bot.ExperienceDirectory.Rules;
using Communaute.Bot.ExperienceDirectory.Storage;
using Communaute.Bot.Pipeline;
using Communaute.Bot.Sessions.Rules;
using Communaute.Bot.Storage;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Intents;
using Communaute.Dialogs.Replies;
using Microsoft.EntityFrameworkCore;

namespace Communaute.Bot.ExperienceDirectory.Features;

/// <summary>
/// « Qui peut m'aider ? »: the member's experience card (by consent), search in French, introductions with double
/// consent, and the facilitators' coverage. A click and the same words typed lead to the same place.
/// </summary>
public sealed class DirectoryFeature(
    BotDbContext db, CardStore cards, CardProposals proposals, DirectorySearchService search, IntroductionService introductions, CoverageReport coverage)
    : ITurnFeature, IIntentHandler, IHelpContributor
{
    public int Order => 260;

    public IEnumerable<HelpLine> HelpLines =>
    [
        new("ma fiche d'expérience", "dire sur quoi vous pouvez aider les autres membres (publiée seulement avec votre accord) ; « masquer ma fiche » à tout moment", 350) { Intent = new ShowExperienceCard() },
        new("qui peut m'aider sur …", "trouver des membres qui ont l'expérience d'un sujet, et leur demander une mise en relation", 355) { Clickable = false },
        new("couverture", "les sujets demandés pour lesquels aucun membre n'a de fiche d'expérience", 720) { FacilitatorOnly = true, Intent = new ShowCoverage() },
    ];

    public IReadOnlyCollection<Type> Intents => DirectoryIntents.All;

    public async Task<bool> TryHandleAsync(TurnContext context, CancellationToken cancellationToken)
    {
        if (context.Text.Length == 0 || DirectoryCommands.Parse(context.Text) is not { } intent) return false;
        return await HandleAsync(intent, context, cancellationToken);
    }

    public async Task<bool> HandleAsync(object intent, TurnContext context, CancellationToken ct)
    {
        // Cards, searches and introductions are between the members concerned.
        context.Privately();
        switch (intent)
        {
            case ShowExperienceCard: await ShowAsync(context, null, ct); break;
            case SaveExperienceCard: await SaveFormAsync(context, ct); break;
            case DescribeExperience describe: await SaveTypedAsync(context, describe.HelpsWith, ct); break;
            case PublishExperienceCard: await PublishAsync(context, ct); break;
            case HideExperienceCard:
                context.Say(await cards.HideAsync(context.Member.Id, context.Now, ct)
                    ? "Votre fiche est masquée : plus personne ne la voit dans l'annuaire, dès maintenant. « publier ma fiche » pour la montrer à nouveau."
                    : "Vous n'avez pas de fiche d'expérience : rien à masquer.");
                break;
            case DeleteExperienceCard:
                await cards.DeleteAsync(context.Member.Id, ct);
                context.Say("Votre fiche d'expérience est supprimée, et les demandes de mise en relation qui vous attendaient aussi.");
                break;
            case PauseIntroductions pause: await PauseAsync(context, pause.Until, ct); break;
            case ResumeIntroductions:
                context.Say(await cards.PauseAsync(context.Member.Id, null, context.Now, ct)
                    ? "C'est noté : vous pouvez de nouveau recevoir des demandes de mise en relation."
                    : "Vous n'avez pas de fiche d'expérience : personne ne peut vous demander de mise en relation.");
                break;
            case SearchPeers search: await SearchAsync(context, search.Question, ct); break;
            case RequestIntroduction request:
                context.Say(await introductions.RequestAsync(context.Member, request.MemberId, request.Topic is { Length: > 0 } t ? t : "votre expérience", context.Now, ct));
                break;
            case AcceptIntroduction accept: context.Send(await introductions.AcceptAsync(context.Member, accept.RequestId, context.Now, ct)); break;
            case DeclineIntroduction decline: context.Say(await introductions.DeclineAsync(context.Member, decline.RequestId, block: false, context.Now, ct)); break;
            case BlockMember block: context.Say(await introductions.DeclineAsync(context.Member, block.RequestId, block: true, context.Now, ct)); break;
            case ShowCoverage:
                if (!context.Member.IsFacilitator) context.Say("« couverture » est réservé aux animateurs. Pour chercher un membre : « qui peut m'aider sur … ? ».");
                else context.Send(await coverage.BuildAsync(context.Now, ct));
                break;
        }
        return true;
    }

    /// <summary>The stored card and the form, filled with it or with what the bot proposes.</summary>
    private async Task ShowAsync(TurnContext context, string? lead, CancellationToken ct)
    {
        if (context.Turn.IsGroup)
        {
            context.Say("Votre fiche d'expérience se remplit en conversation privée : écrivez-moi « ma fiche d'expérience » en message direct.");
            return;
        }
        var card = await cards.FindAsync(context.Member.Id, ct);
        if (card is not null)
        {
            context.Send(DirectoryCards.Preview(card, context.Member.DisplayName, lead));
            context.Send(DirectoryCards.Form(new CardDraft(card.HelpsWith, card.LooksFor, card.Organisation, card.Region, card.Territory, card.Contact), null, []));
            return;
        }
        var proposal = await proposals.ProposeAsync(context.Member.Id, context.Now, ct);
        context.Send(DirectoryCards.Form(proposal.Draft, lead, proposal.Sources));
    }

    private async Task SaveFormAsync(TurnContext context, CancellationToken ct)
    {
        if (context.Turn.InputsBeside(new SaveExperienceCard()).Count == 0) { await ShowAsync(context, null, ct); return; }
        var draft = CardDraft.FromForm(context.Turn.FormValues);
        if (CardLimits.Problem(draft) is { } problem) { context.Send(DirectoryCards.Form(draft, problem, [])); return; }
        if (draft.HelpsWith is null)
        {
            context.Send(DirectoryCards.Form(draft, "Dites au moins sur quoi vous pouvez aider. Rien n'a été enregistré.", []));
            return;
        }
        if (draft.Region is not null)
        {
            if (RegionNames.Find(draft.Region) is not { } region)
            {
                context.Send(DirectoryCards.Form(draft with { Region = null }, $"Je ne connais pas la région « {UserText.Escape(draft.Region.Length > 60 ? draft.Region[..60] + "…" : draft.Region)} » : choisissez-la dans la liste. Rien n'a été enregistré.", []));
                return;
            }
            draft = draft with { Region = region == RegionNames.Overseas ? null : region };
        }
        var saved = await cards.SaveAsync(context.Member.Id, draft, keepBlank: false, context.Now, ct);
        context.Send(DirectoryCards.Preview(saved, context.Member.DisplayName, "C'est enregistré."));
    }

    /// <summary>« je peux aider sur : … » — the card gets that text; a new card takes what the bot knows for the rest, as a draft.</summary>
    private async Task SaveTypedAsync(TurnContext context, string helps, CancellationToken ct)
    {
        var draft = new CardDraft(helps, null, null, null, null, null);
        if (CardLimits.Problem(draft) is { } problem) { context.Send(DirectoryCards.Form(draft, problem, [])); return; }
        if (await cards.FindAsync(context.Member.Id, ct) is null)
        {
            var proposed = (await proposals.ProposeAsync(context.Member.Id, context.Now, ct)).Draft;
            draft = draft with { Organisation = proposed.Organisation, Region = RegionNames.Find(proposed.Region) };
        }
        var saved = await cards.SaveAsync(context.Member.Id, draft, keepBlank: true, context.Now, ct);
        context.Send(DirectoryCards.Preview(saved, context.Member.DisplayName, "C'est noté."));
    }

    private async Task PublishAsync(TurnContext context, CancellationToken ct)
    {
        if (!await cards.PublishAsync(context.Member.Id, context.Now, ct))
        {
            await ShowAsync(context, "Votre fiche n'existe pas encore : dites d'abord sur quoi vous pouvez aider.", ct);
            return;
        }
        var card = (await cards.FindAsync(context.Member.Id, ct))!;
        context.Send(DirectoryCards.Preview(card, context.Member.DisplayName,
            "Merci ! Votre fiche est publiée : les membres de la communauté peuvent vous trouver et vous demander une mise en relation, que vous accepterez ou non."));
    }

    private async Task PauseAsync(TurnContext context, string? until, CancellationToken ct)
    {
        var today = context.Now.InZone(context.Member.Zone).Date;
        var found = string.IsNullOrWhiteSpace(until) ? null : FrenchDates.FindDate(until, today) ?? FrenchDates.FindMonth(until, today);
        if (found?.Date is not { } date)
        {
            context.Say((found?.Error ?? "Jusqu'à quand ? Par exemple : « pas de mise en relation jusqu'au 15 mars ».") + " Rien n'a été changé.");
            return;
        }
        if (date < today) { context.Say("Cette date est passée : rien n'a été changé."); return; }
        var end = date.PlusDays(1).AtStartOfDayInZone(context.Member.Zone).ToInstant();
        context.Say(await cards.PauseAsync(context.Member.Id, end, context.Now, ct)
            ? $"C'est noté : pas de mise en relation jusqu'au {FrenchDates.Date(date)} inclus. Votre fiche reste visible ; les demandes vous attendront après. « reprendre les mises en relation » pour revenir plus tôt."
            : "Vous n'avez pas de fiche d'expérience : personne ne peut vous demander de mise en relation.");
    }

    private async Task SearchAsync(TurnContext context, DirectoryQuestion question, CancellationToken ct)
    {
        if (!question.HasTopic)
        {
            var published = await db.Set<ExperienceCard>().CountAsync(c => c.Status == CardStatus.Published, ct);
            context.Send(DirectoryCards.AskForTopic(published));
            return;
        }
        var found = await search.SearchAsync(context.Member.Id, question, DirectorySearchService.MaxResults, ct);
        await search.RecordAsync(context.Member.Id, question.Topic, found.Count, context.Now, ct);
        if (found.Count == 0) { context.Send(DirectoryCards.NoResult(question)); return; }
        foreach (var reply in DirectoryCards.Results(question, found, search.Analysis)) context.Send(reply);
    }
}
