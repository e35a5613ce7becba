using System.Globalization;
using Communaute.Bot.Pipeline;
using Communaute.Bot.Storage;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Replies;
using Communaute.Knowledge;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;

namespace Communaute.Bot.Features;

/// <summary>For curators and facilitators: questions left unanswered, and reloading the base after an edit.</summary>
public sealed class CuratorFeature(BotDbContext db, KnowledgeService knowledge) : ITurnFeature, IHelpContributor
{
    private static readonly ZonedDateTimePattern When = ZonedDateTimePattern.CreateWithInvariantCulture("dd/MM/yyyy HH:mm", null);

    public int Order => 300;

    public IEnumerable<HelpLine> HelpLines =>
    [
        new("questions sans réponse", "les questions que la base n'a pas su traiter", 700) { FacilitatorOnly = true },
        new("recharger la base", "relire les fiches de connaissances après une modification", 710) { FacilitatorOnly = true },
    ];

    public async Task<bool> TryHandleAsync(TurnContext context, CancellationToken cancellationToken)
    {
        var unanswered = TextMatching.IsOneOf(context.Text, "questions sans reponse", "questions en attente", "sans reponse");
        var reload = TextMatching.IsOneOf(context.Text, "recharger la base", "recharger", "reindexer");
        if (!unanswered && !reload) return false;

        var roles = context.Member.Roles;
        if (!roles.Contains(MemberRoles.Facilitator) && !roles.Contains(MemberRoles.Curator))
        {
            context.Say("Cette commande est réservée aux animateurs et curateurs de la communauté.");
            return true;
        }

        if (reload)
        {
            var snapshot = knowledge.Reload();
            var problems = snapshot.Problems.Take(10).Select(p => new CardSection(null, p.ToString())).ToList();
            context.Send(Reply.Show(new Card
            {
                Title = "Base de connaissances rechargée",
                Facts = [new Fact("Fiches servies", snapshot.Entries.Count.ToString(CultureInfo.InvariantCulture)),
                         new Fact("Fichiers ignorés", snapshot.Problems.Count.ToString(CultureInfo.InvariantCulture))],
                Sections = problems,
            }));
            return true;
        }

        var open = await db.UnansweredQuestions
            .Where(q => q.Status == UnansweredStatus.Open || q.Status == UnansweredStatus.Forwarded)
            .OrderByDescending(q => q.Id)
            .Take(20)
            .ToListAsync(cancellationToken);
        if (open.Count == 0)
        {
            context.Say("Aucune question sans réponse en attente.");
            return true;
        }
        var zone = context.Member.Zone;
        context.Send(Reply.Show(new Card
        {
            Title = $"Questions sans réponse ({open.Count} les plus récentes)",
            Sections = open.Select(q => new CardSection(
                When.Format(q.AskedAt.InZone(zone)) + (q.Status == UnansweredStatus.Forwarded ? " — transmise" : ""),
                UserText.Escape(q.Text))).ToList(),
        }));
        return true;
    }
}
