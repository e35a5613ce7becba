using Communaute.Dialogs.Engine;
using Communaute.Dialogs.Replies;

namespace Communaute.Dialogs.Characterisation;

/// <summary>The buttons under a profile and a pitch; their labels typed are recognised as their values are.</summary>
public static class ProfileActions
{
    public static readonly Choice Pitch = new Choice("Préparer mon pitch", "préparer mon pitch", ChoiceStyle.Primary).Doing(new StartDialog(PitchDialog.DialogId));
    public static readonly Choice Export = new Choice("Exporter (PDF, Markdown)", "exporter mon profil").Doing(new ExportProfile());
    public static readonly Choice Share = new Choice("Partager avec les animateurs", "partager mon profil").Doing(new ShareProfile());
}
