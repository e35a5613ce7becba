using System.Globalization;
using Communaute.Dialogs.Conversation;
using Communaute.Dialogs.Engine;
using Communaute.Dialogs.Replies;

namespace Communaute.Bot.Privacy;

/// <summary>"supprimer mes données": one confirmation, then everything about the member is deleted (RGPD right to erasure).</summary>
public sealed class DeleteMyDataDialog(PersonalDataService data) : DialogBase
{
    public const string DialogId = "suppression-donnees";

    public override string Id => DialogId;
    public override int Version => 1;
    public override string Title => "Supprimer mes données";
    public override IReadOnlyList<string> StartCommands => ["supprimer mes donnees", "effacer mes donnees", "supprimer mes donnees personnelles", "oubliez moi"];
    public override string CancelledMessage => "Rien n'a été supprimé.";
    public override bool PrivateOnly => true;
    public override bool IsQuestionnaire => false;

    public override IReadOnlyList<DialogStep> Steps { get; } =
    [
        new()
        {
            Id = "confirm",
            CanSkip = false,
            Prompt = _ => new PromptSpec
            {
                Kind = PromptKind.Confirm,
                Title = "Supprimer toutes vos données ?",
                Sections = [new CardSection(null, "Je vais effacer définitivement tout ce que je garde sur vous : votre profil de membre, vos conversations privées, vos questions, vos caractérisations, graphiques, pitchs et questionnaires en cours. Cela ne peut pas être annulé.")],
                Question = "Confirmez-vous la suppression ?",
                Options = PromptSpec.YesNo("Oui, tout supprimer", "Non, garder mes données"),
                Irreversible = true,
            },
            Next = (_, value) => value == "oui" ? DialogStep.End : DialogStep.Cancel,
        },
    ];

    public override async Task CompleteAsync(DialogState state, TurnContext context, CancellationToken cancellationToken)
    {
        var counts = await data.DeleteAsync(context.Member.Id, cancellationToken);
        var total = counts.Values.Sum();
        context.Send(Reply.Show(new Card
        {
            Title = "Vos données sont supprimées",
            Subtitle = string.Create(CultureInfo.InvariantCulture, $"{FrenchCount.Of(total, "enregistrement effacé")}. Si vous m'écrivez à nouveau, je repartirai de zéro."),
            Facts = counts.Where(c => c.Value > 0).Select(c => new Fact(data.LabelOf(c.Key), c.Value.ToString(CultureInfo.InvariantCulture))).ToList(),
        }));
    }
}
