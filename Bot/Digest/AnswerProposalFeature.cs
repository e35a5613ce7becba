using System.Globalization;
using System.Text.RegularExpressions;
using Communaute.Bot.Pipeline;
using Communaute.Bot.Storage;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Intents;
using Communaute.Dialogs.Replies;
using Microsoft.EntityFrameworkCore;

namespace Communaute.Bot.Digest;

/// <summary>
/// The digest's call "Qui peut répondre ?": a member proposes an answer to an unanswered question; curators and
/// facilitators read the proposals with « propositions de réponse » before completing the base.
/// </summary>
public sealed partial class AnswerProposalFeature(BotDbContext db, IFacilitatorScope scope) : ITurnFeature, IIntentHandler, IHelpContributor
{
    public const int MaxAnswer = 4000;

    public int Order => TurnOrder.AnswerProposal;

    public IEnumerable<HelpLine> HelpLines =>
    [
        new(DigestCommands.Proposals, "les réponses proposées par les membres aux questions du digest", 705) { FacilitatorOnly = true, Intent = new ListAnswerProposals() },
    ];

    public IReadOnlyCollection<Type> Intents => DigestIntents.Proposals;

    public Task<bool> HandleAsync(object intent, TurnContext context, CancellationToken ct) => DigestIntents.RunAsync(intent, context, TryHandleAsync, ct);

    public async Task<bool> TryHandleAsync(TurnContext context, CancellationToken ct)
    {
        if (TextMatching.IsOneOf(context.Text, DigestCommands.Proposals, "propositions de reponses", "reponses proposees"))
            return await ListAsync(context, ct);
        if (TextMatching.After(context.Text, DigestDraftBuilder.ProposeCommand) is not { } args) return false;

        var m = ProposeArgs().Match(args);
        if (!m.Success)
        {
            context.Say("Pour proposer une réponse, cliquez le bouton « Proposer une réponse » sous une question du digest.");
            return true;
        }
        var questionId = long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        long? digestId = m.Groups[2].Success ? long.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) : null;
        if (!await PublishedAsync(questionId, context.Member, ct))
        {
            context.Say("Je ne trouve pas cette question dans un digest publié. Les questions ouvertes aux membres sont celles de la section « Qui peut répondre ? » du digest : tapez « digest » pour le lire.");
            return true;
        }
        var question = await db.UnansweredQuestions.AsNoTracking().FirstOrDefaultAsync(q => q.Id == questionId, ct);
        if (question is null || question.Status is not (UnansweredStatus.Open or UnansweredStatus.Forwarded))
        {
            context.Say("Cette question n'attend plus de réponse : la base a déjà été complétée, ou la question a été retirée. Merci quand même !");
            return true;
        }
        if (!context.Turn.FormValues.TryGetValue("reponse", out var answer))
        {
            context.Send(Reply.Show(new Card
            {
                Title = "Proposer une réponse",
                Sections = [new CardSection("La question", UserText.Escape(question.Text))],
                Subtitle = "Votre proposition va aux curateurs de la base, qui la relisent avant de l'ajouter. Citez votre source si vous en avez une.",
                Inputs = [new CardInput("reponse", "Votre réponse", InputKind.MultilineText) { Required = true, MaxLength = MaxAnswer }],
                SubmitLabel = "Envoyer aux curateurs",
                SubmitValue = context.Text,
                SubmitAction = IntentCodec.Encode(new ProposeAnswer(questionId, digestId)),
                PromptId = $"digest-proposal-{questionId}",
            }));
            return true;
        }
        answer = answer.Trim();
        if (answer.Length == 0) context.Say("Votre réponse est vide : rien n'a été envoyé.");
        else if (answer.Length > MaxAnswer) context.Say($"Votre réponse fait {answer.Length} caractères : {MaxAnswer} au plus. Rien n'a été envoyé.");
        else if (await db.Set<AnswerProposal>().AnyAsync(p => p.UnansweredQuestionId == questionId && p.MemberId == context.Member.Id && p.Text == answer, ct))
            context.Say("Nous avons déjà reçu cette proposition de votre part. Merci !");
        else
        {
            db.Set<AnswerProposal>().Add(new AnswerProposal
            {
                UnansweredQuestionId = questionId, QuestionText = question.Text, DigestId = digestId, MemberId = context.Member.Id,
                MemberName = context.Member.DisplayName, Text = answer, ProposedAt = context.Now,
            });
            await db.SaveChangesAsync(ct);
            context.Say("Merci ! Votre proposition est transmise aux curateurs, qui la relisent avant de compléter la base.");
        }
        return true;
    }

    /// <summary>
    /// Whether the member may open this question: it is listed in the « Qui peut répondre ? » section of a posted digest
    /// (what every member can read), or of a draft for facilitators and curators who preview it.
    /// </summary>
    private async Task<bool> PublishedAsync(long questionId, MemberInfo member, CancellationToken ct)
    {
        var reviewer = member.Roles.Contains(MemberRoles.Facilitator) || member.Roles.Contains(MemberRoles.Curator);
        var contents = await db.Set<DigestRecord>().AsNoTracking()
            .Where(d => d.Status == DigestStatus.Posted || (reviewer && (d.Status == DigestStatus.Draft || d.Status == DigestStatus.Approved)))
            .Select(d => d.ContentJson).ToListAsync(ct);
        var prefix = string.Create(CultureInfo.InvariantCulture, $"{DigestDraftBuilder.ProposeCommand} {questionId} ");
        return contents.Select(DigestContent.FromJson).Any(c => c.Visible.Any(s => s.Kind == SectionKinds.Unanswered
            && s.Buttons.Any(b => (b.Value + " ").StartsWith(prefix, StringComparison.Ordinal))));
    }

    private async Task<bool> ListAsync(TurnContext context, CancellationToken ct)
    {
        var roles = context.Member.Roles;
        if (!roles.Contains(MemberRoles.Facilitator) && !roles.Contains(MemberRoles.Curator))
        {
            context.Privately().Say("Les réponses proposées sont réservées aux animateurs et curateurs, qui les relisent avant de compléter la base.");
            return true;
        }
        // Only what members of the communities this facilitator or curator leads proposed.
        var visible = scope.VisibleMembers(db, context.Member).Select(m => m.Id);
        var proposals = await db.Set<AnswerProposal>().AsNoTracking().Where(p => visible.Contains(p.MemberId))
            .OrderByDescending(p => p.Id).Take(20).ToListAsync(ct);
        if (proposals.Count == 0)
        {
            context.Say("Aucune réponse proposée pour l'instant.");
            return true;
        }
        context.Send(Reply.Show(new Card
        {
            Title = proposals.Count == 1 ? "Réponse proposée par un membre" : $"Réponses proposées par les membres ({proposals.Count} les plus récentes)",
            Sections = proposals.Select(p => new CardSection(
                UserText.Escape(DigestDraftBuilder.Clip(p.QuestionText, 140)),
                UserText.Escape(p.Text) + $"\n— {UserText.Escape(p.MemberName)}, {FrenchDates.At(p.ProposedAt, context.Member.Zone)}")).ToList(),
        }));
        return true;
    }

    [GeneratedRegex(@"^(\d{1,12})(?:\s*\(digest (\d{1,12})\))?\z")]
    private static partial Regex ProposeArgs();
}
