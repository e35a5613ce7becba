using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Communaute.Bot.Pipeline;
using Communaute.Bot.Storage;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Intents;
using Communaute.Dialogs.Replies;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Communaute.Bot.Digest;

/// <summary>
/// The monthly digest in the chat: everyone can read the posted digests ("digest", "digests", "digest de mars");
/// facilitators prepare, preview, edit, approve, post, postpone or skip the month's digest.
/// </summary>
public sealed partial class DigestFeature(BotDbContext db, DigestLifecycle lifecycle, DigestEngagement engagement) : ITurnFeature, IIntentHandler, IHelpContributor
{
    public int Order => TurnOrder.Digest;

    public IEnumerable<HelpLine> HelpLines =>
    [
        new("digest", "le dernier digest mensuel de la communauté (« digests » pour les anciens, « digest de mars » pour l'un d'eux)", 400) { InGreeting = true, Intent = new ShowDigest() },
        new("digest", "le brouillon du mois : aperçu, modifier, ajouter une note, réordonner, approuver, publier maintenant, reporter à…, ignorer ce mois", 640) { FacilitatorOnly = true, Intent = new ShowDigest() },
        new("préparer le digest", "construire le brouillon sans attendre le calendrier", 645) { FacilitatorOnly = true, Intent = new PrepareDigest() },
    ];

    private static readonly string[] FacilitatorCommands =
    [
        DigestCommands.Prepare, "preparer le digest", DigestCommands.Approve, "approuver", DigestCommands.PostNow, "publier le digest",
        DigestCommands.Postpone, "reporter le digest", DigestCommands.Skip, "ignorer le digest", DigestCommands.EditMenu, "modifier le digest",
        DigestCommands.AddNote, DigestCommands.ReorderMenu, "reordonner", DigestCommands.DropMenu, DigestCommands.TextPreview, "apercu texte",
    ];

    private static readonly string[] FacilitatorPrefixes =
        ["approuver le digest de", "valider le digest de", "publier le digest de", "ignorer le digest de", DigestCommands.Edit, DigestCommands.Move, DigestCommands.Drop, DigestCommands.Restore, "reporter a", "reporter au", "reporter le digest a", DigestCommands.AddNote];

    public IReadOnlyCollection<Type> Intents => DigestIntents.Drafting;

    public Task<bool> HandleAsync(object intent, TurnContext context, CancellationToken ct) => DigestIntents.RunAsync(intent, context, TryHandleAsync, ct);

    public async Task<bool> TryHandleAsync(TurnContext context, CancellationToken ct)
    {
        var text = context.Text;
        if (TextMatching.IsOneOf(text, DigestCommands.Show, "digest mensuel", "le digest", "lettre mensuelle", "le digest du mois"))
            return await ShowAsync(context, ct);
        if (TextMatching.IsOneOf(text, DigestCommands.List, "anciens digests", "archives du digest"))
            return await ListAsync(context, ct);
        if (TextMatching.After(text, DigestCommands.Archive) is { Length: > 0 } which)
            return await ArchiveAsync(context, which, ct);

        var isCommand = TextMatching.IsOneOf(text, FacilitatorCommands) || FacilitatorPrefixes.Any(p => TextMatching.After(text, p) is { Length: > 0 });
        if (!isCommand) return false;
        if (!context.Member.IsFacilitator)
        {
            context.Privately().Say("La préparation du digest est réservée aux animateurs de la communauté. Tapez « digest » pour lire le dernier digest publié.");
            return true;
        }
        if (context.Turn.IsGroup)
        {
            context.Privately().Say("Le brouillon du digest ne se montre qu'aux animateurs : préparez-le en message privé avec moi (écrivez-moi « digest »).");
            return true;
        }
        await HandleFacilitatorAsync(context, ct);
        return true;
    }

    private async Task HandleFacilitatorAsync(TurnContext context, CancellationToken ct)
    {
        var (text, now, member) = (context.Text, context.Now, context.Member);
        await lifecycle.ExpireAsync(now, ct);
        if (NamedMonthCommand().Match(TextMatching.Fold(text)) is { Success: true } named)
        {
            // « approuver le digest de décembre »: only the digest open now can be; another month is named in the answer.
            var current = await lifecycle.CurrentAsync(ct);
            var wanted = FrenchDates.ReadMonth(named.Groups[2].Value);
            var period = current is null ? null : DigestCalendar.ParsePeriod(current.Period);
            if (wanted is null || period is not { } p || p.Month != wanted.Value.Month || (wanted.Value.Year is { } year && p.Year != year))
            {
                context.Say(current is { Status: DigestStatus.Draft or DigestStatus.Approved }
                    ? $"Le digest en cours est celui de {DigestLifecycle.MonthName(current)} : c'est lui qui peut être approuvé, publié ou ignoré. Rien n'a changé."
                    : "Aucun digest de ce mois n'attend d'approbation. Tapez « digests » pour la liste.");
                return;
            }
            text = named.Groups[1].Value switch { "approuver" or "valider" => DigestCommands.Approve, "publier" => DigestCommands.PostNow, _ => DigestCommands.Skip };
        }
        if (TextMatching.IsOneOf(text, DigestCommands.Prepare, "preparer le digest"))
        {
            var month = await lifecycle.MonthToPrepareAsync(now, ct);
            var digest = await lifecycle.CreateDraftAsync(month, now, ct);
            if (digest.Status == DigestStatus.Empty)
                context.Say($"Rien de neuf pour le digest de {DigestLifecycle.MonthName(digest)} : ni fiche nouvelle, ni session ouverte, ni question en attente. Pas de digest ce mois-ci.");
            else foreach (var r in await lifecycle.PreviewAsync(digest, member.Zone, ct)) context.Send(r);
        }
        else if (TextMatching.IsOneOf(text, DigestCommands.Approve, "approuver", "valider le digest"))
            context.Say(await lifecycle.ApproveAsync(member, now, ct));
        else if (TextMatching.IsOneOf(text, DigestCommands.PostNow, "publier le digest"))
            context.Say(await lifecycle.PostNowAsync(member, now, ct));
        else if (TextMatching.IsOneOf(text, DigestCommands.Skip, "ignorer le digest"))
            context.Say(await lifecycle.SkipAsync(member, now, ct));
        else if (PostponeArgument(context) is { } when)
        {
            if (when.Length == 0) context.Send(PostponeForm());
            else if (FrenchDates.FindMoment(when, now.InZone(member.Zone).Date, DigestCalendar.PostingTime) is { } moment)
                context.Say(moment.Value is { } at
                    ? await lifecycle.PostponeAsync(at.InZoneLeniently(member.Zone).ToInstant(), member, now, ct)
                    : $"{moment.Error} Rien n'a changé.");
            else context.Say($"Je n'ai pas compris la date « {UserText.Escape(when)} ». Exemples : « reporter à 12/01 14h », « reporter au 5 janvier 10h », « reporter à lundi ». Rien n'a changé.");
        }
        else if (TextMatching.IsOneOf(text, DigestCommands.EditMenu, "modifier le digest"))
            await SectionMenuAsync(context, "Quelle section modifier ?", n => new EditDigest(n), _ => true, ct);
        else if (TextMatching.IsOneOf(text, DigestCommands.DropMenu))
            await SectionMenuAsync(context, "Quelle section retirer ?", n => new DropDigestSection(n), s => !s.Dropped, ct);
        else if (TextMatching.IsOneOf(text, DigestCommands.ReorderMenu, "reordonner"))
            await ReorderMenuAsync(context, ct);
        else if (TextMatching.IsOneOf(text, DigestCommands.TextPreview, "apercu texte"))
            await TextPreviewAsync(context, ct);
        else if (TextMatching.After(text, DigestCommands.Edit) is { } editArgs)
            await EditAsync(context, editArgs, ct);
        else if (TextMatching.After(text, DigestCommands.AddNote) is { } noteArgs)
            await AddNoteAsync(context, noteArgs, ct);
        else if (TextMatching.After(text, DigestCommands.Drop) is { } dropArgs)
            await WithNumberAsync(context, dropArgs, n => c => DigestEdits.SetDropped(c, n, true), ct);
        else if (TextMatching.After(text, DigestCommands.Restore) is { } restoreArgs)
            await WithNumberAsync(context, restoreArgs, n => c => DigestEdits.SetDropped(c, n, false), ct);
        else if (TextMatching.After(text, DigestCommands.Move) is { } moveArgs)
        {
            var m = MoveArgs().Match(moveArgs);
            if (!m.Success) context.Say("Écrivez par exemple « déplacer la section 4 en 1 ». Rien n'a changé.");
            else context.Say(await lifecycle.EditAsync(c => DigestEdits.Move(c, int.Parse(m.Groups[1].Value), int.Parse(m.Groups[2].Value)), now, ct));
        }
        if (context.Replies.Count == 0) context.Say("Tapez « digest » pour voir le brouillon et ses actions.");
    }

    private async Task<bool> ShowAsync(TurnContext context, CancellationToken ct)
    {
        if (context.Member.IsFacilitator && !context.Turn.IsGroup && await lifecycle.CurrentAsync(ct) is { } current
            && current.Status is DigestStatus.Draft or DigestStatus.Approved or DigestStatus.Posted)
        {
            foreach (var r in await lifecycle.PreviewAsync(current, context.Member.Zone, ct)) context.Send(r);
            return true;
        }
        var posted = await db.Set<DigestRecord>().AsNoTracking().Where(d => d.Status == DigestStatus.Posted).OrderByDescending(d => d.Id).FirstOrDefaultAsync(ct);
        if (posted is null)
        {
            var next = DigestCalendar.PostingAt(DigestCalendar.MonthOf(context.Now).PlusMonths(1));
            context.Send(new Reply
            {
                Text = $"Aucun digest n'a encore été publié. Le prochain est prévu {FrenchDates.At(next, context.Member.Zone)}.",
                SuggestedActions = context.Member.IsFacilitator ? [DigestIntents.Button("Préparer le digest", new PrepareDigest())] : [],
            });
            return true;
        }
        foreach (var r in DigestComposer.Compose(DigestContent.FromJson(posted.ContentJson), DigestCalendar.ParsePeriod(posted.Period)!.Value)) context.Send(r);
        return true;
    }

    private async Task<bool> ListAsync(TurnContext context, CancellationToken ct)
    {
        var facilitator = context.Member.IsFacilitator;
        var digests = await db.Set<DigestRecord>().AsNoTracking()
            .Where(d => facilitator || d.Status == DigestStatus.Posted)
            .OrderByDescending(d => d.Id).Take(24).ToListAsync(ct);
        if (digests.Count == 0)
        {
            context.Say("Aucun digest n'a encore été publié.");
            return true;
        }
        var lines = new StringBuilder("**Digests de la communauté**\n");
        foreach (var d in digests)
        {
            var month = DigestLifecycle.MonthName(d);
            var state = d.Status switch
            {
                DigestStatus.Posted => $"publié {FrenchDates.At(d.PostedAt ?? d.ScheduledAt, context.Member.Zone)}",
                DigestStatus.Draft => "brouillon",
                DigestStatus.Approved => "approuvé, pas encore publié",
                DigestStatus.Skipped => "ignoré",
                DigestStatus.Expired => "non publié (pas approuvé avant la fin du mois)",
                _ => "rien à publier",
            };
            lines.Append($"- {month} : {state}");
            if (facilitator && d.Status == DigestStatus.Posted)
            {
                var clicks = await engagement.CountAsync(d, ct);
                lines.Append($" · {DigestPreviewCounts(clicks)}");
            }
            lines.Append('\n');
        }
        lines.Append("Tapez « digest de " + DigestLifecycle.MonthName(digests[0]).Split(' ')[0] + " » pour en relire un.");
        context.Say(lines.ToString());
        return true;
    }

    private static string DigestPreviewCounts(DigestClicks c) =>
        $"{FrenchCount.Of(c.Bookings, "réservation")}, {FrenchCount.Of(c.ProposedAnswers, "réponse proposée")}";

    private async Task<bool> ArchiveAsync(TurnContext context, string which, CancellationToken ct)
    {
        if (FrenchDates.ReadMonth(which) is not { } month)
        {
            context.Say($"Je ne reconnais pas le mois « {UserText.Escape(which)} ». Exemples : « digest de mars », « digest de janvier 2027 ». « digests » les liste.");
            return true;
        }
        var candidates = await db.Set<DigestRecord>().AsNoTracking()
            .Where(d => context.Member.IsFacilitator || d.Status == DigestStatus.Posted)
            .OrderByDescending(d => d.Id).ToListAsync(ct);
        var digest = candidates.FirstOrDefault(d => DigestCalendar.ParsePeriod(d.Period) is { } p && p.Month == month.Month && (month.Year is null || p.Year == month.Year));
        if (digest is null || digest.Status is DigestStatus.Empty)
        {
            context.Say($"Pas de digest publié pour {UserText.Escape(which)}. Tapez « digests » pour la liste.");
            return true;
        }
        var note = digest.Status == DigestStatus.Posted ? null : "Brouillon, visible des seuls animateurs.";
        context.Send(DigestComposer.ArchiveCard(DigestContent.FromJson(digest.ContentJson), DigestCalendar.ParsePeriod(digest.Period)!.Value, note));
        return true;
    }

    private static string? PostponeArgument(TurnContext context)
    {
        if (context.Turn.FormValues.TryGetValue("quand", out var fromForm)) return fromForm.Trim();
        if (TextMatching.IsOneOf(context.Text, DigestCommands.Postpone, "reporter le digest")) return "";
        foreach (var prefix in new[] { "reporter le digest a", "reporter le digest au", "reporter a", "reporter au" })
            if (TextMatching.After(context.Text, prefix) is { Length: > 0 } rest) return rest;
        return null;
    }

    private static Reply PostponeForm() => Reply.Show(new Card
    {
        Title = "Reporter le digest",
        Subtitle = "La nouvelle date de publication, dans votre fuseau horaire, avant la fin du mois.",
        Inputs = [new CardInput("quand", "Nouvelle date") { Required = true, Placeholder = "ex. 12/01 14h, lundi 10h, 5 janvier", MaxLength = 60 }],
        SubmitLabel = "Reporter",
        SubmitValue = DigestCommands.Postpone,
        SubmitAction = IntentCodec.Encode(new PostponeDigest()),
        PromptId = "digest-postpone",
    });

    private async Task SectionMenuAsync(TurnContext context, string title, Func<int, IDigestIntent> command, Func<DigestSection, bool> offered, CancellationToken ct)
    {
        if (await CurrentOrSayAsync(context, ct) is not { } digest) return;
        var sections = DigestContent.FromJson(digest.ContentJson).Sections;
        context.Send(Reply.Show(new Card
        {
            Title = title,
            Choices = sections.Select((s, i) => (s, i)).Where(x => offered(x.s))
                .Select(x => DigestIntents.Button(DigestDraftBuilder.Clip($"{x.i + 1}. {x.s.Heading}", 60), command(x.i + 1))).ToList(),
            PromptId = "digest-sections",
        }));
    }

    private async Task ReorderMenuAsync(TurnContext context, CancellationToken ct)
    {
        if (await CurrentOrSayAsync(context, ct) is not { } digest) return;
        var sections = DigestContent.FromJson(digest.ContentJson).Sections;
        context.Send(Reply.Show(new Card
        {
            Title = "Réordonner les sections",
            Subtitle = "Chaque bouton fait monter une section d'un cran. Ou tapez « déplacer la section 4 en 1 ».",
            Sections = [new CardSection(null, string.Join("\n", sections.Select((s, i) => $"- {i + 1}. {UserText.Escape(s.Heading)}")))],
            Choices = sections.Select((s, i) => (s, i)).Where(x => x.i > 0)
                .Select(x => DigestIntents.Button(DigestDraftBuilder.Clip($"Monter : {x.s.Heading}", 60), new MoveDigestSection(x.i + 1, x.i))).ToList(),
            PromptId = "digest-reorder",
        }));
    }

    private async Task TextPreviewAsync(TurnContext context, CancellationToken ct)
    {
        if (await CurrentOrSayAsync(context, ct) is not { } digest) return;
        context.Send(DigestComposer.ArchiveCard(DigestContent.FromJson(digest.ContentJson), DigestCalendar.ParsePeriod(digest.Period)!.Value));
    }

    private async Task<DigestRecord?> CurrentOrSayAsync(TurnContext context, CancellationToken ct)
    {
        var digest = await lifecycle.CurrentAsync(ct);
        if (digest is null) context.Say("Aucun digest en préparation : tapez « préparer le digest ».");
        return digest;
    }

    private async Task EditAsync(TurnContext context, string args, CancellationToken ct)
    {
        var m = NumberAndText().Match(args);
        if (!m.Success)
        {
            context.Say("Écrivez par exemple « modifier la section 2 », puis le nouveau texte dans le formulaire. Rien n'a changé.");
            return;
        }
        var number = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        var newText = context.Turn.FormValues.TryGetValue("texte", out var fromForm) ? fromForm
            : m.Groups[2].Success && m.Groups[2].Value.Trim().Length > 0 ? m.Groups[2].Value : null;
        if (newText is not null && TypedTooLong(context, $"{DigestCommands.Edit} {number}")) return;
        if (newText is not null)
        {
            context.Say(await lifecycle.EditAsync(c => DigestEdits.ReplaceText(c, number, newText), context.Now, ct));
            return;
        }
        if (await CurrentOrSayAsync(context, ct) is not { } digest) return;
        var sections = DigestContent.FromJson(digest.ContentJson).Sections;
        if (number < 1 || number > sections.Count)
        {
            context.Say($"Il n'y a pas de section {number} : le digest en a {sections.Count}. Rien n'a changé.");
            return;
        }
        var section = sections[number - 1];
        context.Send(Reply.Show(new Card
        {
            Title = $"Modifier la section {number} : {UserText.Escape(section.Heading)}",
            Subtitle = $"Texte simple ; une ligne qui commence par « - » fait une liste. {DigestComposer.MaxSectionText} caractères au plus (limite de Slack).",
            Inputs = [new CardInput("texte", "Texte de la section", InputKind.MultilineText) { Required = true, Value = section.Text, MaxLength = DigestComposer.MaxSectionText }],
            SubmitLabel = "Enregistrer",
            SubmitValue = $"{DigestCommands.Edit} {number}",
            SubmitAction = IntentCodec.Encode(new EditDigest(number)),
            PromptId = $"digest-edit-{number}",
        }));
    }

    private async Task AddNoteAsync(TurnContext context, string args, CancellationToken ct)
    {
        var form = context.Turn.FormValues;
        if (form.TryGetValue("note", out var note))
        {
            context.Say(await lifecycle.EditAsync(c => DigestEdits.AddNote(c, form.GetValueOrDefault("titre"), note), context.Now, ct));
            return;
        }
        var typed = args.TrimStart(':', ' ');
        if (typed.Length > 0 && TypedTooLong(context, DigestCommands.AddNote)) return;
        if (typed.Length > 0)
        {
            context.Say(await lifecycle.EditAsync(c => DigestEdits.AddNote(c, null, typed), context.Now, ct));
            return;
        }
        context.Send(Reply.Show(new Card
        {
            Title = "Ajouter une note au digest",
            Subtitle = "Une actualité, un appel à projets, un événement. Texte simple, publié tel quel après votre approbation.",
            Inputs =
            [
                new CardInput("titre", "Titre") { Placeholder = "Le mot des animateurs", MaxLength = 100 },
                new CardInput("note", "Texte", InputKind.MultilineText) { Required = true, MaxLength = DigestComposer.MaxSectionText },
            ],
            SubmitLabel = "Ajouter",
            SubmitValue = DigestCommands.AddNote,
            SubmitAction = IntentCodec.Encode(new AddDigestNote()),
            PromptId = "digest-note",
        }));
    }

    /// <summary>
    /// A typed text cut by the chat's length cap is refused whole, as the form would refuse it: nothing half-written
    /// reaches the draft or the channels where the digest is already posted.
    /// </summary>
    private static bool TypedTooLong(TurnContext context, string formCommand)
    {
        if (context.Turn.FormValues.Count > 0 || !context.TextWasTruncated) return false;
        context.Say($"Votre texte dépasse {Thousands(Pipeline.InputText.MaxLength)} caractères dans un message : rien n'a changé. Pour un texte plus long " +
                    $"(jusqu'à {Thousands(DigestComposer.MaxSectionText)} caractères, la limite de Slack), tapez « {formCommand} » et utilisez le formulaire.");
        return true;
    }

    private static string Thousands(int n) => n < 1000 ? n.ToString(CultureInfo.InvariantCulture)
        : (n / 1000).ToString(CultureInfo.InvariantCulture) + " " + (n % 1000).ToString("000", CultureInfo.InvariantCulture);

    private async Task WithNumberAsync(TurnContext context, string args, Func<int, Func<DigestContent, EditResult>> edit, CancellationToken ct)
    {
        if (!int.TryParse(args.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            context.Say("Donnez le numéro de la section, par exemple « retirer la section 2 ». Rien n'a changé.");
            return;
        }
        context.Say(await lifecycle.EditAsync(edit(n), context.Now, ct));
    }

    [GeneratedRegex(@"^\s*(\d{1,3})\s*(?:[:\-–]\s*(.*))?$", RegexOptions.Singleline)]
    private static partial Regex NumberAndText();

    [GeneratedRegex(@"^(approuver|valider|publier|ignorer) le digest (?:de|d) (.+)$")]
    private static partial Regex NamedMonthCommand();

    [GeneratedRegex(@"^\s*(\d{1,3})\s+(?:en\s+)?(?:position\s+)?(\d{1,3})\s*$")]
    private static partial Regex MoveArgs();
}
