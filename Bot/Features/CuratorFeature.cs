using System.Globalization;
using Communaute.Bot.Curation;
using Communaute.Bot.Pipeline;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Intents;
using Communaute.Dialogs.Replies;
using Communaute.Knowledge;
using NodaTime;

namespace Communaute.Bot.Features;

/// <summary>
/// For curators and facilitators: the unanswered questions in groups (count, age), each closed from its buttons —
/// answered by an entry (the members who asked are told) or dismissed —, beside them the answers members found
/// « pas utile » (grouped the same way, fixed by an entry or dismissed), and reloading the base after an edit.
/// </summary>
public sealed class CuratorFeature(KnowledgeService knowledge, UnansweredQuestions unanswered, NotUsefulAnswers notUseful,
    CurationFollowUp followUp) : ITurnFeature, IIntentHandler, IHelpContributor
{
    public int Order => TurnOrder.Curator;

    public IEnumerable<HelpLine> HelpLines =>
    [
        new(CuratorIntents.ListCommand, "les questions que la base n'a pas su traiter, et les réponses jugées « pas utiles », regroupées", 700) { FacilitatorOnly = true, Intent = new ListOpenQuestions() },
        new(CuratorIntents.ReloadCommand, "relire les fiches de connaissances après une modification", 710) { FacilitatorOnly = true, Intent = new ReloadKnowledgeBase() },
    ];

    public IReadOnlyCollection<Type> Intents => CuratorIntents.All;

    public async Task<bool> TryHandleAsync(TurnContext context, CancellationToken cancellationToken) =>
        CuratorIntents.Read(context.Text) is { } intent && await HandleAsync(intent, context, cancellationToken);

    public async Task<bool> HandleAsync(object intent, TurnContext context, CancellationToken cancellationToken)
    {
        var roles = context.Member.Roles;
        if (!roles.Contains(MemberRoles.Facilitator) && !roles.Contains(MemberRoles.Curator))
        {
            context.Privately().Say("Cette commande est réservée aux animateurs et curateurs de la communauté.");
            return true;
        }
        switch (intent)
        {
            case ReloadKnowledgeBase: await ReloadAsync(context); break;
            case ListOpenQuestions: await ListAsync(context, cancellationToken); break;
            case CloseQuestionGroup close: await ActAsync(context, close.GroupId, close.EntryId, cancellationToken); break;
            case DismissQuestionGroup dismiss: await ActAsync(context, dismiss.GroupId, null, cancellationToken); break;
        }
        return true;
    }

    private async Task ReloadAsync(TurnContext context)
    {
        var snapshot = await knowledge.ReloadAsync();
        var closed = await followUp.ForAsync(snapshot, unanswered);
        var problems = snapshot.Problems.Take(10).Select(p => new CardSection(null, p.ToString())).ToList();
        context.Send(Reply.Show(new Card
        {
            Title = "Base de connaissances rechargée",
            Facts =
            [
                new Fact("Fiches servies", snapshot.Entries.Count.ToString(CultureInfo.InvariantCulture)),
                new Fact("Fichiers ignorés", snapshot.Problems.Count.ToString(CultureInfo.InvariantCulture)),
                new Fact("Questions en attente désormais répondues", closed == 0 ? "aucune" : $"{closed} (les membres sont prévenus)"),
            ],
            Sections = problems,
        }));
    }

    private async Task ListAsync(TurnContext context, CancellationToken ct)
    {
        const int shown = 10;
        var groups = await unanswered.OpenGroupsAsync(context.Member, shown + 1, ct);
        var rated = await notUseful.OpenGroupsAsync(context.Member, 10, ct);
        if (groups.Count == 0)
            context.Say("Aucune question sans réponse en attente.");
        else
            ListUnanswered(context, groups);
        if (rated.Count > 0)
        {
            context.Say($"Réponses jugées « pas utiles » par les membres ({rated.Count}) :");
            foreach (var g in rated) context.Send(NotUsefulCards.Card(g, knowledge, context.Now));
            context.Say("« Corrigée par » une fiche (modifiée ou ajoutée) prévient les membres qui avaient jugé la réponse pas utile ; « Écarter » la retire de la liste.");
        }
    }

    private void ListUnanswered(TurnContext context, IReadOnlyList<QuestionGroupView> groups)
    {
        const int shown = 10;
        var more = groups.Count > shown;
        if (more) groups = groups.Take(shown).ToList();
        context.Say(more
            ? $"Questions sans réponse, les plus demandées d'abord : les {shown} premières (il y en a plus ; en fermer ou en écarter fait venir les suivantes) :"
            : $"Questions sans réponse, les plus demandées d'abord ({groups.Count}) :");
        foreach (var g in groups)
        {
            // The entries closest to the question, to close the group in one click once the base answers it.
            var candidates = (knowledge.Answer(g.Group.Text).Decision?.Hits ?? [])
                .Where(h => h.Coverage >= 0.3).Take(2).Select(h => h.Entry).ToList();
            context.Send(Reply.Show(new Card
            {
                Title = $"{(g.Count == 1 ? "1 demande" : $"{g.Count} demandes")} · {Age(context.Now - g.FirstAskedAt)}{(g.Forwarded ? " · transmise" : "")}",
                Sections = [new CardSection(null, UserText.Escape(g.Group.Text))],
                Choices =
                [
                    .. candidates.Select(e => CuratorIntents.Answered(g.Group.Id, e.Id, Short(e.Title))),
                    CuratorIntents.Dismiss(g.Group.Id),
                ],
            }));
        }
        context.Say("Une fiche ajoutée ou modifiée qui répond à une question la ferme au rechargement suivant, et les membres sont prévenus. " +
                    "Vous pouvez aussi taper « question N répondue par IDENTIFIANT-DE-FICHE ».");
    }

    private async Task ActAsync(TurnContext context, long groupId, string? entryId, CancellationToken ct)
    {
        var group = await unanswered.FindVisibleAsync(groupId, context.Member, ct);
        if (group is null && await notUseful.FindVisibleAsync(groupId, context.Member, ct) is { } rated)
        {
            await ActOnRatedAsync(context, rated, entryId, ct);
            return;
        }
        if (group is null)
        {
            context.Say($"Je ne trouve pas de question n° {groupId} parmi celles que vous pouvez voir.");
            return;
        }
        if (group.Status != QuestionGroupStatus.Open)
        {
            context.Say($"C'est déjà fait : la question n° {groupId} est close.");
            return;
        }
        if (entryId is null)
        {
            await unanswered.DismissAsync(group, ct);
            context.Say($"La question « {UserText.Escape(Short(group.Text))} » est écartée de la liste.");
            return;
        }
        if (FindEntry(context, entryId) is not { } entry) return;
        var told = await unanswered.AnswerAsync(group, entry, ct);
        context.Say($"La question « {UserText.Escape(Short(group.Text))} » est close, répondue par la fiche « {entry.Title} ». " +
                    (told == 0 ? "Aucun membre à prévenir." : told == 1 ? "Le membre qui l'a posée est prévenu." : $"Les {told} membres qui l'ont posée sont prévenus."));
    }

    /// <summary>A group of « pas utile »: fixed by an entry (the members who rated are told) or dismissed.</summary>
    private async Task ActOnRatedAsync(TurnContext context, QuestionGroup group, string? entryId, CancellationToken ct)
    {
        if (group.Status != QuestionGroupStatus.Open)
        {
            context.Say($"C'est déjà fait : la réponse jugée pas utile n° {group.Id} est close.");
            return;
        }
        if (entryId is null)
        {
            await notUseful.DismissAsync(group, ct);
            context.Say($"La réponse jugée pas utile à « {UserText.Escape(Short(group.Text))} » est écartée de la liste.");
            return;
        }
        if (FindEntry(context, entryId) is not { } entry) return;
        var told = await notUseful.FixAsync(group, entry, ct);
        context.Say($"La réponse à « {UserText.Escape(Short(group.Text))} » est marquée corrigée par la fiche « {entry.Title} ». " +
                    (told == 0 ? "Aucun membre à prévenir." : told == 1 ? "Le membre qui l'avait jugée pas utile est prévenu." : $"Les {told} membres qui l'avaient jugée pas utile sont prévenus."));
    }

    private Communaute.Knowledge.Model.KnowledgeEntry? FindEntry(TurnContext context, string entryId)
    {
        var entry = knowledge.Find(entryId) ?? knowledge.Current.Entries.FirstOrDefault(e => e.Id.Equals(entryId, StringComparison.OrdinalIgnoreCase));
        if (entry is null)
            context.Say($"Je ne connais pas la fiche « {UserText.Escape(entryId)} ». Donnez son identifiant (dossier/nom-du-fichier), par exemple « 004-panorama-2015/bretagne-cap-creation-ess ».");
        return entry;
    }

    internal static string Short(string text) => TextCut.AtWord(text, 60);

    internal static string Age(Duration age) => age.TotalDays >= 2 ? $"il y a {(int)age.TotalDays} jours"
        : age.TotalDays >= 1 ? "hier"
        : age.TotalHours >= 1 ? $"il y a {(int)age.TotalHours} h"
        : "à l'instant";
}
