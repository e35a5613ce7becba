using System.Globalization;
using System.Text;
using Communaute.Bot.Dialogs;
using Communaute.Bot.Pipeline;
using Communaute.Bot.Security;
using Communaute.Dialogs.Characterisation;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Engine;
using Communaute.Dialogs.Intents;
using Communaute.Dialogs.Replies;
using NodaTime.Text;

namespace Communaute.Bot.Privacy;

/// <summary>« mes données »: the export of everything the bot holds about the member.</summary>
[Intent("privacy-export")] public sealed record ExportMyData;

/// <summary>"mes données": everything the bot holds about the member, as a JSON file (RGPD right of access).</summary>
public sealed class PrivacyFeature(PersonalDataService data, ICharacterisationRepository files, SignedLinks links) : ITurnFeature, IIntentHandler, IHelpContributor
{
    public int Order => TurnOrder.Privacy;

    public IEnumerable<HelpLine> HelpLines =>
    [
        new("mes données", "recevoir tout ce que le bot garde sur vous (fichier JSON)", 800) { Intent = new ExportMyData() },
        new("supprimer mes données", "tout effacer, après confirmation", 810) { Intent = new StartDialog(DeleteMyDataDialog.DialogId) },
    ];

    public IReadOnlyCollection<Type> Intents => [typeof(ExportMyData)];

    public async Task<bool> TryHandleAsync(TurnContext context, CancellationToken cancellationToken) =>
        TextMatching.IsOneOf(context.Text, "mes donnees", "mes donnees personnelles", "exporter mes donnees", "rgpd", "mes infos")
        && await HandleAsync(new ExportMyData(), context, cancellationToken);

    public async Task<bool> HandleAsync(object intent, TurnContext context, CancellationToken cancellationToken)
    {
        context.Privately();
        if (context.Turn.IsGroup)
        {
            context.Say("Pour protéger vos données, je ne les envoie qu'en conversation privée : écrivez-moi « mes données » en message direct.");
            return true;
        }
        var generatedAt = InstantPattern.ExtendedIso.Format(context.Now);
        var (json, counts) = await data.ExportAsync(context.Member.Id, generatedAt, cancellationToken);
        var id = await files.AddMediaAsync(context.Member.Id, "application/json", "json", Encoding.UTF8.GetBytes(json), cancellationToken);
        context.Send(Reply.Show(new Card
        {
            Title = "Vos données",
            Subtitle = $"Tout ce que le bot garde sur vous, dans un fichier JSON. Le lien est personnel (ne le transmettez pas) et reste valable {Lifetime(links.DataExportLifetime)}.",
            Facts = counts.Select(c => new Fact(data.LabelOf(c.Key), c.Value.ToString(CultureInfo.InvariantCulture))).ToList(),
            Links = [new CardLink("Télécharger mes données (JSON)", links.Create(MediaEndpoints.PathOf(id, "json"), links.DataExportLifetime))],
            Choices = [new Choice("Supprimer mes données", "supprimer mes données", ChoiceStyle.Destructive).Doing(new StartDialog(DeleteMyDataDialog.DialogId))],
        }));
        return true;
    }

    private static string Lifetime(NodaTime.Duration d) =>
        d.TotalHours < 1 ? $"{d.TotalMinutes:0} minutes"
        : d.TotalHours < 48 ? (d.TotalHours < 2 ? "une heure" : $"{d.TotalHours:0} heures")
        : $"{d.TotalDays:0} jours";
}
